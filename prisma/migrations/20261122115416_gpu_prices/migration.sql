-- CreateTable
CREATE TABLE "gpu_prices" (
    "poolName" TEXT NOT NULL,
    "centsPerGpuHour" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "gpu_prices_pkey" PRIMARY KEY ("poolName")
);
