-- CreateEnum
CREATE TYPE "DeploymentState" AS ENUM ('creating', 'active', 'deleting');

-- AlterTable
ALTER TABLE "deployments" ADD COLUMN     "drift" JSONB,
ADD COLUMN     "driftDetectedAt" TIMESTAMP(3),
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "pool" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resourceVersion" TEXT,
ADD COLUMN     "state" "DeploymentState" NOT NULL DEFAULT 'creating';

-- CreateIndex
CREATE UNIQUE INDEX "deployments_idempotencyKey_key" ON "deployments"("idempotencyKey");

-- CreateIndex
CREATE INDEX "deployments_teamId_idx" ON "deployments"("teamId");

-- CreateIndex
CREATE INDEX "deployments_state_idx" ON "deployments"("state");
