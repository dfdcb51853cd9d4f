// The registry database, for the rest of the app. Nothing outside lib/adapters/db imports the
// generated Prisma client or @prisma/* directly.
export {
  createDbClient,
  db,
  disconnectDb,
  getDb,
  isRecordNotFound,
  isUniqueViolation,
  withTransaction,
  type DbClient,
  type TDbClient,
  type TransactionOptions,
} from "./client";
export { ApprovalDecision, Prisma, PromotionStatus, Role, VersionStatus } from "./generated/client";
export type {
  Approval,
  AuditEvent,
  Deployment,
  EnvironmentPolicy,
  Model,
  ModelVersion,
  PromotionRequest,
  Team,
  TeamMembership,
  User,
} from "./generated/client";
