-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PromotionStatus" ADD VALUE 'expired';
ALTER TYPE "PromotionStatus" ADD VALUE 'applied';

-- AlterTable
ALTER TABLE "approvals" ADD COLUMN     "specFingerprint" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "deployments" ADD COLUMN     "rollout" JSONB;

-- AlterTable
ALTER TABLE "promotion_requests" ADD COLUMN     "appliedAt" TIMESTAMP(3),
ADD COLUMN     "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "promoteAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "promoteError" TEXT,
ADD COLUMN     "specFingerprint" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "statusReason" TEXT;

-- CreateTable
CREATE TABLE "environment_policies" (
    "environment" TEXT NOT NULL,
    "canaryCeilingPercent" INTEGER NOT NULL DEFAULT 100,
    "defaultCanaryPercent" INTEGER NOT NULL DEFAULT 10,
    "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    "minCanaryMinutes" INTEGER NOT NULL DEFAULT 0,
    "minCanaryRequests" INTEGER NOT NULL DEFAULT 0,
    "requestTtlHours" INTEGER NOT NULL DEFAULT 72,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "environment_policies_pkey" PRIMARY KEY ("environment")
);

-- CreateIndex
CREATE INDEX "promotion_requests_deploymentId_createdAt_idx" ON "promotion_requests"("deploymentId", "createdAt");

-- AddForeignKey
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_canaryVersionId_fkey" FOREIGN KEY ("canaryVersionId") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The default policies (DESIGN: prod needs one approval after a minimum run; dev and staging
-- need none). Admins change them on /admin/policies.
INSERT INTO "environment_policies" ("environment", "canaryCeilingPercent", "defaultCanaryPercent", "requiresApproval", "approvalsRequired", "minCanaryMinutes", "minCanaryRequests", "requestTtlHours", "updatedAt") VALUES
  ('prod', 50, 10, true, 1, 15, 1000, 72, CURRENT_TIMESTAMP),
  ('staging', 100, 10, false, 1, 0, 0, 72, CURRENT_TIMESTAMP),
  ('dev', 100, 10, false, 1, 0, 0, 72, CURRENT_TIMESTAMP);
