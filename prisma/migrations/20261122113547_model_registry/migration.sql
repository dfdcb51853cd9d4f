-- Trigram search over models.searchText (ILIKE '%term%' on name, description and tags).
-- pg_trgm is a contrib extension shipped with PostgreSQL (and embedded-postgres).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "model_versions" ADD COLUMN     "registeredByTokenId" UUID;

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "model_aliases" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "versionId" UUID NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_aliases_modelId_alias_key" ON "model_aliases"("modelId", "alias");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "api_tokens_teamId_idx" ON "api_tokens"("teamId");

-- CreateIndex
CREATE INDEX "deployments_modelVersionId_idx" ON "deployments"("modelVersionId");

-- CreateIndex
CREATE INDEX "model_versions_modelId_createdAt_idx" ON "model_versions"("modelId", "createdAt");

-- CreateIndex
CREATE INDEX "models_framework_idx" ON "models"("framework");

-- CreateIndex
CREATE INDEX "models_task_idx" ON "models"("task");

-- CreateIndex
CREATE INDEX "models_updatedAt_idx" ON "models"("updatedAt");

-- CreateIndex
CREATE INDEX "models_searchText_idx" ON "models" USING GIN ("searchText" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_registeredByTokenId_fkey" FOREIGN KEY ("registeredByTokenId") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Versions are immutable once registered: only their status may change (active →
-- deprecated → archived). Enforced here too, so no code path can edit one by mistake.
CREATE FUNCTION "model_versions_immutable"() RETURNS trigger AS $$
BEGIN
  IF (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status') THEN
    RAISE EXCEPTION 'model versions are immutable; only their status may change'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "model_versions_immutable"
  BEFORE UPDATE ON "model_versions"
  FOR EACH ROW EXECUTE FUNCTION "model_versions_immutable"();
