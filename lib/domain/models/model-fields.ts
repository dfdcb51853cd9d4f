import { z } from "zod";

// The vocabulary of the model registry and the zod schemas of its fields. Pure: imported by
// services, the REST API (and its OpenAPI document) and the browser forms alike, so every
// edge validates with the same rules and the same plain-word messages.

export const MODEL_TASKS = [
  "classification",
  "regression",
  "ranking",
  "text-generation",
  "embedding",
  "image-classification",
  "object-detection",
  "anomaly-detection",
  "recommendation",
] as const;
export type TModelTask = (typeof MODEL_TASKS)[number];

/** "huggingface" covers transformer models, LLMs included (served by vLLM or KServe's HF server). */
export const MODEL_FRAMEWORKS = ["sklearn", "xgboost", "lightgbm", "pytorch", "tensorflow", "onnx", "triton", "huggingface"] as const;
export type TModelFramework = (typeof MODEL_FRAMEWORKS)[number];

/** The only places a model artifact may live: what KServe's storage initializer can fetch. */
export const STORAGE_URI_SCHEMES = ["s3", "gs", "pvc", "hf", "oci", "https"] as const;

export const VERSION_STATUSES = ["active", "deprecated", "archived"] as const;
export type TVersionStatus = (typeof VERSION_STATUSES)[number];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes DNS-1123 label, because the name ends up in InferenceService names. */
export const ZModelName = z
  .string({ error: "Give the model a name." })
  .trim()
  .min(1, "Give the model a name.")
  .max(63, "A model name can be at most 63 characters.")
  .regex(DNS_LABEL, "Use lower-case letters, digits and dashes, starting and ending with a letter or digit (like fraud-scorer).");

export const ZAliasName = z
  .string({ error: "Give the alias a name." })
  .trim()
  .min(1, "Give the alias a name.")
  .max(63, "An alias can be at most 63 characters.")
  .regex(DNS_LABEL, "Use lower-case letters, digits and dashes (like champion).");

export function storageUriScheme(uri: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/./i.exec(uri);
  return match ? match[1]!.toLowerCase() : null;
}

export const ZStorageUri = z
  .string({ error: "Give the storage URI of the artifact." })
  .trim()
  .min(1, "Give the storage URI of the artifact.")
  .max(2048, "The storage URI is too long (2048 characters at most).")
  .refine((uri) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(uri), "Write a URI like s3://bucket/path/to/model.")
  .refine(
    (uri) => (STORAGE_URI_SCHEMES as readonly string[]).includes(storageUriScheme(uri) ?? ""),
    `The storage URI must start with ${STORAGE_URI_SCHEMES.map((s) => `${s}://`).join(", ")}; nothing else can be fetched by the cluster.`,
  )
  .describe(`Where the artifact lives; schemes: ${STORAGE_URI_SCHEMES.map((s) => `${s}://`).join(", ")}`);

/** Evaluation metrics: metric name → a finite number. */
export const ZMetrics = z.record(
  z.string().trim().min(1, "A metric needs a name.").max(64, "Metric names can be at most 64 characters."),
  z.number({ error: "Each metric must be a number." }).finite("Each metric must be a finite number."),
  { error: "Metrics must be an object of name → number." },
);
export type TMetrics = z.infer<typeof ZMetrics>;

export const ZModelCard = z.object({
  intendedUse: z.string().trim().max(4000).default(""),
  limitations: z.string().trim().max(4000).default(""),
  evaluationData: z.string().trim().max(4000).default(""),
  ethicalConsiderations: z.string().trim().max(4000).default(""),
});
export type TModelCard = z.infer<typeof ZModelCard>;

export const MODEL_CARD_SECTIONS: { key: keyof TModelCard; label: string }[] = [
  { key: "intendedUse", label: "Intended use" },
  { key: "limitations", label: "Limitations" },
  { key: "evaluationData", label: "Evaluation data" },
  { key: "ethicalConsiderations", label: "Ethical considerations" },
];

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value || undefined);

export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Tags cannot be empty.")
  .max(40, "A tag can be at most 40 characters.")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Tags use lower-case letters, digits, dots, dashes and underscores.");

/** What registering a model needs (POST /api/v1/models, the "new model" form). */
export const ZRegisterModelInput = z.object({
  name: ZModelName,
  team: z.string({ error: "Pick the owning team." }).trim().min(1, "Pick the owning team.").optional(),
  task: z.enum(MODEL_TASKS, { error: `Task must be one of ${MODEL_TASKS.join(", ")}.` }),
  framework: z.enum(MODEL_FRAMEWORKS, { error: `Framework must be one of ${MODEL_FRAMEWORKS.join(", ")}.` }),
  description: z.string().trim().max(2000, "The description can be at most 2000 characters.").default(""),
  modelCard: ZModelCard.default({ intendedUse: "", limitations: "", evaluationData: "", ethicalConsiderations: "" }),
  tags: z
    .array(ZTag)
    .max(20, "At most 20 tags.")
    .default([])
    .transform((tags) => [...new Set(tags)].sort()),
});
export type TRegisterModelInput = z.infer<typeof ZRegisterModelInput>;

/** The content of a version (POST /api/v1/models/{name}/versions); the model comes from the path. */
export const ZModelVersionContent = z.object({
  version: z
    .number({ error: "The version must be a whole number (1, 2, 3, …)." })
    .int("The version must be a whole number (1, 2, 3, …).")
    .min(1, "Versions start at 1.")
    .max(1_000_000, "That version number is too large."),
  storageUri: ZStorageUri,
  modelFormat: z
    .string({ error: "Give the model format (for example sklearn, onnx, huggingface)." })
    .trim()
    .min(1, "Give the model format (for example sklearn, onnx, huggingface).")
    .max(63, "The model format can be at most 63 characters."),
  runtimeHint: optionalText(63, "The runtime hint can be at most 63 characters."),
  artifactSizeBytes: z
    .number({ error: "Give the artifact size in bytes." })
    .int("The artifact size must be a whole number of bytes.")
    .positive("The artifact size must be more than 0 bytes.")
    .max(Number.MAX_SAFE_INTEGER, "The artifact size is too large.")
    .describe("Size of the artifact in bytes"),
  gpuMemoryBytes: z
    .number({ error: "GPU memory must be a number of bytes." })
    .int("GPU memory must be a whole number of bytes.")
    .min(0, "GPU memory cannot be negative (use 0 for CPU-only models).")
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("GPU memory needed, bytes (0: CPU only). Left out: estimated from size and framework"),
  metrics: ZMetrics.default({}),
  trainingRunId: optionalText(200, "The training run id can be at most 200 characters."),
  trainingRunUrl: z
    .url({ error: "The training run URL must be a full URL (https://…)." })
    .max(2048)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  dataset: optionalText(500, "The dataset can be at most 500 characters."),
  gitCommit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,40}$/i, "A git commit is 7 to 40 hexadecimal characters.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  parentVersion: z.number({ error: "The parent version must be a version number." }).int().min(1).optional(),
});
export type TModelVersionContent = z.infer<typeof ZModelVersionContent>;

export const ZRegisterModelVersionInput = ZModelVersionContent.extend({ modelName: ZModelName });
export type TRegisterModelVersionInput = z.infer<typeof ZRegisterModelVersionInput>;

export const ZUpdateModelVersionStatusInput = z.object({
  modelName: ZModelName,
  version: z.number().int().min(1),
  status: z.enum(VERSION_STATUSES, { error: "Status must be active, deprecated or archived." }),
});
export type TUpdateModelVersionStatusInput = z.infer<typeof ZUpdateModelVersionStatusInput>;

export const ZMoveModelAliasInput = z.object({
  modelName: ZModelName,
  alias: ZAliasName,
  version: z.number({ error: "Pick the version the alias should point to." }).int().min(1),
});
export type TMoveModelAliasInput = z.infer<typeof ZMoveModelAliasInput>;

/** Which status changes are allowed. Archived is final; a deprecation can be taken back. */
export const VERSION_STATUS_TRANSITIONS: Record<TVersionStatus, readonly TVersionStatus[]> = {
  active: ["deprecated", "archived"],
  deprecated: ["active", "archived"],
  archived: [],
};

export function canChangeVersionStatus(from: TVersionStatus, to: TVersionStatus): boolean {
  return VERSION_STATUS_TRANSITIONS[from].includes(to);
}

/** What the list page's search looks through: name, description and tags, in lower case. */
export function buildModelSearchText(model: { name: string; description: string; tags: string[] }): string {
  return [model.name, model.description, ...model.tags].join(" ").toLowerCase();
}

// What the registry returns (REST API and pages), as zod schemas so the OpenAPI document
// describes responses from the same source as the TypeScript types.
export const ZModelView = z.object({
  name: z.string(),
  team: z.string(),
  task: z.enum(MODEL_TASKS),
  framework: z.enum(MODEL_FRAMEWORKS),
  description: z.string(),
  modelCard: z.object({ intendedUse: z.string(), limitations: z.string(), evaluationData: z.string(), ethicalConsiderations: z.string() }),
  tags: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TModelView = z.infer<typeof ZModelView>;

export const ZModelVersionView = z.object({
  version: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  storageUri: z.string(),
  modelFormat: z.string(),
  runtimeHint: z.string().nullable(),
  artifactSizeBytes: z.number().int(),
  gpuMemoryBytes: z.number().int().nullable().describe("0 means no GPU needed"),
  gpuMemoryEstimated: z.boolean().describe("true when Gantry estimated gpuMemoryBytes from size and framework"),
  metrics: z.record(z.string(), z.number()),
  trainingRunId: z.string().nullable(),
  trainingRunUrl: z.string().nullable(),
  dataset: z.string().nullable(),
  gitCommit: z.string().nullable(),
  parentVersion: z.number().int().nullable(),
  registeredBy: z.string().nullable().describe('a person\'s email, or "API token <name>"'),
  registeredAt: z.iso.datetime(),
});
export type TModelVersionView = z.infer<typeof ZModelVersionView>;
