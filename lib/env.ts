import { z } from "zod";

// Environment variables, validated once at start-up. A missing or malformed variable stops
// the server with a message that names it, instead of failing somewhere deep later.

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Node label(s) that name a GPU pool, tried before the default lookup order (comma-separated). */
const ZPoolLabel = z
  .string()
  .optional()
  .refine((value) => !value || value.split(",").every((label) => LABEL_KEY.test(label.trim())), {
    message: "GANTRY_POOL_LABEL must be a node label key such as cloud.google.com/gke-nodepool (several: comma-separated)",
  });

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const promLabel = (name: string, dflt: string) =>
  z
    .string()
    .optional()
    .transform((value) => value || dflt)
    .refine((value) => LABEL_NAME.test(value), { message: `${name} must be a Prometheus label name such as ${dflt}` });

/** Prometheus connection and the label names of the setup (they differ between scrape configs). */
const ZPrometheusEnv = z.object({
  PROMETHEUS_URL: z.url({ error: "PROMETHEUS_URL must be a URL such as http://prometheus:9090" }).optional(),
  PROMETHEUS_BEARER_TOKEN: z.string().min(1).optional(),
  PROMETHEUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  PROMETHEUS_LABEL_NAMESPACE: promLabel("PROMETHEUS_LABEL_NAMESPACE", "namespace"),
  PROMETHEUS_LABEL_REVISION: promLabel("PROMETHEUS_LABEL_REVISION", "revision_name"),
  PROMETHEUS_DCGM_LABEL_NAMESPACE: promLabel("PROMETHEUS_DCGM_LABEL_NAMESPACE", "namespace"),
  PROMETHEUS_DCGM_LABEL_POD: promLabel("PROMETHEUS_DCGM_LABEL_POD", "pod"),
  PROMETHEUS_DCGM_LABEL_HOSTNAME: promLabel("PROMETHEUS_DCGM_LABEL_HOSTNAME", "Hostname"),
});

export type TPrometheusEnv = z.infer<typeof ZPrometheusEnv>;

const ZServerEnv = z
  .object({
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (postgresql://user:pass@host:5432/db)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
    AUTH_SECRET: z
      .string({ error: "AUTH_SECRET is required (generate one with `openssl rand -base64 32`)" })
      .min(16, "AUTH_SECRET must be at least 16 characters"),
    AUTH_URL: z.url({ error: "AUTH_URL must be a URL such as https://gantry.example.com" }).optional(),
    GANTRY_DEV_SIGNIN: booleanFlag,
    OIDC_ISSUER: z.url({ error: "OIDC_ISSUER must be the issuer URL of your identity provider" }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    OIDC_ROLE_MAP: z
      .string()
      .default("")
      .refine((value) => parseRoleMap(value) !== null, {
        message: "OIDC_ROLE_MAP must look like group=role,group=role with roles viewer, engineer, approver or admin",
      }),
    KUBECONFIG: z.string().optional(),
    ...ZPrometheusEnv.shape,
    GANTRY_POOL_LABEL: ZPoolLabel,
  })
  .superRefine((env, ctx) => {
    const oidcVars = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    const setCount = oidcVars.filter(Boolean).length;
    if (setCount > 0 && setCount < 3) {
      for (const [name, value] of [
        ["OIDC_ISSUER", env.OIDC_ISSUER],
        ["OIDC_CLIENT_ID", env.OIDC_CLIENT_ID],
        ["OIDC_CLIENT_SECRET", env.OIDC_CLIENT_SECRET],
      ] as const) {
        if (!value) ctx.addIssue({ code: "custom", path: [name], message: `${name} is required when OIDC is configured` });
      }
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;

const ROLES = ["viewer", "engineer", "approver", "admin"] as const;

/** Parses "ml-admins=admin,ml-approvers=approver" into a map; null when malformed. */
export function parseRoleMap(value: string): Map<string, (typeof ROLES)[number]> | null {
  const map = new Map<string, (typeof ROLES)[number]>();
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [group, role] = entry.split("=").map((part) => part.trim());
    if (!group || !role || !(ROLES as readonly string[]).includes(role)) return null;
    map.set(group, role as (typeof ROLES)[number]);
  }
  return map;
}

export class EnvError extends Error {}

export function parseServerEnv(source: Record<string, string | undefined>): TServerEnv {
  const result = ZServerEnv.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

let cached: TServerEnv | undefined;

/** The validated environment of this server process. */
export function serverEnv(): TServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/**
 * GANTRY_POOL_LABEL alone, for the cluster services: they also run in scripts and tests that
 * have no full server environment. Validated the same way as at start-up.
 */
export function poolLabelSetting(source: Record<string, string | undefined> = process.env): string | undefined {
  const result = ZPoolLabel.safeParse(source.GANTRY_POOL_LABEL);
  if (!result.success) throw new EnvError(`Invalid environment configuration:\n  - GANTRY_POOL_LABEL: ${result.error.issues[0]?.message}`);
  return result.data;
}

/**
 * The Prometheus settings alone (URL, token, timeout, label names), for the metrics adapter: it
 * also runs in scripts and tests without a full server environment. Validated as at start-up.
 */
export function prometheusSettings(source: Record<string, string | undefined> = process.env): TPrometheusEnv {
  const result = ZPrometheusEnv.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

export function isOidcConfigured(env: TServerEnv): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}
