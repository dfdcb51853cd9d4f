-- CreateTable
CREATE TABLE "deployment_slos" (
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "p99LatencyMs" INTEGER NOT NULL,
    "errorRateRatio" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "deployment_slos_pkey" PRIMARY KEY ("namespace","name")
);
