// Demo data for the embedded default, as plain data. scripts/db/seed.ts writes it; it only
// adds what is missing, so edits made in the app survive a restart.

export type SeedRole = "viewer" | "engineer" | "approver" | "admin";

export type SeedTeam = { slug: string; displayName: string };

export type SeedUser = { email: string; name: string; role: SeedRole; teams: string[] };

export const SEED_TEAMS: SeedTeam[] = [
  { slug: "search", displayName: "Search" },
  { slug: "fraud", displayName: "Fraud & Risk" },
  { slug: "assistant", displayName: "Assistant" },
];

/** One user per role (development sign-in), plus a second engineer on another team. */
export const SEED_USERS: SeedUser[] = [
  { email: "oncall@gantry.dev", name: "Olivia Oncall", role: "viewer", teams: [] },
  { email: "engineer@gantry.dev", name: "Eli Engineer", role: "engineer", teams: ["search", "assistant"] },
  { email: "approver@gantry.dev", name: "Ada Approver", role: "approver", teams: [] },
  { email: "admin@gantry.dev", name: "Sam Admin", role: "admin", teams: [] },
  { email: "fraud-engineer@gantry.dev", name: "Farah Fraud", role: "engineer", teams: ["fraud"] },
];

// Models with their versions and lineage, deployments and GPU prices come with their issues:
// add SEED_MODELS etc. here and write them in seedDemoData (scripts/db/seed.ts).

// Models of the demo fleet, with versions whose sizes fit their frameworks: tree models are
// megabytes and need no GPU, the 8B LLM is ~16 GB in fp16 and needs one 24–80 GB GPU.
// Storage URIs use schemes the cluster (and its simulator) can fetch: s3://, gs://, hf://.

export type SeedModelVersion = {
  version: number;
  storageUri: string;
  modelFormat: string;
  runtimeHint?: string;
  artifactSizeBytes: number;
  /** Left out: estimated from size and framework, as for any registration. */
  gpuMemoryBytes?: number;
  metrics: Record<string, number>;
  trainingRunId: string;
  trainingRunUrl: string;
  dataset: string;
  gitCommit: string;
  parentVersion?: number;
  status?: "active" | "deprecated" | "archived";
  registeredBy: string;
  /** Days before the seed ran. */
  daysAgo: number;
};

export type SeedModel = {
  name: string;
  team: string;
  task: string;
  framework: string;
  description: string;
  tags: string[];
  modelCard: { intendedUse: string; limitations: string; evaluationData: string; ethicalConsiderations: string };
  versions: SeedModelVersion[];
  aliases: Record<string, number>;
};

const MB = 1_000_000;
const GB = 1_000_000_000;
const GIB = 1024 ** 3;

const run = (tracker: string, id: string) => ({ trainingRunId: id, trainingRunUrl: `https://${tracker}.gantry.dev/runs/${id}` });

export const SEED_MODELS: SeedModel[] = [
  {
    name: "query-intent-classifier",
    team: "search",
    task: "classification",
    framework: "sklearn",
    description: "Classifies search queries into navigational, informational and transactional intent (TF-IDF + logistic regression).",
    tags: ["nlp", "tabular", "search"],
    modelCard: {
      intendedUse: "Routing search queries to the right backend. Not for user profiling.",
      limitations: "English queries only; accuracy drops on queries shorter than two words.",
      evaluationData: "40k hand-labelled queries from 2026-Q2, stratified by locale.",
      ethicalConsiderations: "Queries are anonymised before training; no personal data is kept in the model.",
    },
    versions: [
      { version: 1, storageUri: "s3://models/search/query-intent-classifier/v1", modelFormat: "sklearn", runtimeHint: "kserve-sklearnserver", artifactSizeBytes: 3.8 * MB, metrics: { accuracy: 0.874, f1_macro: 0.842, latency_p95_ms: 4.1 }, ...run("mlflow", "qic-0412"), dataset: "s3://datasets/search/queries-labelled/2026-04", gitCommit: "3f9a1c2", registeredBy: "engineer@gantry.dev", daysAgo: 160, status: "deprecated" },
      { version: 2, storageUri: "s3://models/search/query-intent-classifier/v2", modelFormat: "sklearn", runtimeHint: "kserve-sklearnserver", artifactSizeBytes: 4.2 * MB, metrics: { accuracy: 0.891, f1_macro: 0.866, latency_p95_ms: 4.3 }, ...run("mlflow", "qic-0619"), dataset: "s3://datasets/search/queries-labelled/2026-06", gitCommit: "8be04d1", parentVersion: 1, registeredBy: "engineer@gantry.dev", daysAgo: 95 },
      { version: 3, storageUri: "s3://models/search/query-intent-classifier/v3", modelFormat: "sklearn", runtimeHint: "kserve-sklearnserver", artifactSizeBytes: 4.4 * MB, metrics: { accuracy: 0.902, f1_macro: 0.871, latency_p95_ms: 4.0 }, ...run("mlflow", "qic-0903"), dataset: "s3://datasets/search/queries-labelled/2026-09", gitCommit: "c71e5b9", parentVersion: 2, registeredBy: "engineer@gantry.dev", daysAgo: 12 },
    ],
    aliases: { champion: 2, challenger: 3 },
  },
  {
    name: "search-ranker",
    team: "search",
    task: "ranking",
    framework: "xgboost",
    description: "Learning-to-rank model (LambdaMART) that orders the top 200 candidates of every search.",
    tags: ["ranking", "tabular", "search", "ltr"],
    modelCard: {
      intendedUse: "Re-ranking search candidates by predicted relevance.",
      limitations: "Trained on click logs, so it inherits position bias; new products have little signal.",
      evaluationData: "Held-out week of click logs with human relevance judgements on 5k queries.",
      ethicalConsiderations: "Seller fairness is monitored: exposure by seller size is reported per release.",
    },
    versions: [
      { version: 1, storageUri: "s3://models/search/search-ranker/v1", modelFormat: "xgboost", runtimeHint: "kserve-xgbserver", artifactSizeBytes: 48 * MB, metrics: { ndcg_at_10: 0.412, mrr: 0.388, latency_p95_ms: 11.2 }, ...run("mlflow", "rank-118"), dataset: "s3://datasets/search/clicks/2026-03", gitCommit: "a1b2c3d", registeredBy: "engineer@gantry.dev", daysAgo: 200, status: "archived" },
      { version: 2, storageUri: "s3://models/search/search-ranker/v2", modelFormat: "xgboost", runtimeHint: "kserve-xgbserver", artifactSizeBytes: 56 * MB, metrics: { ndcg_at_10: 0.431, mrr: 0.402, latency_p95_ms: 12.0 }, ...run("mlflow", "rank-152"), dataset: "s3://datasets/search/clicks/2026-05", gitCommit: "d4e5f60", parentVersion: 1, registeredBy: "engineer@gantry.dev", daysAgo: 130, status: "deprecated" },
      { version: 3, storageUri: "s3://models/search/search-ranker/v3", modelFormat: "xgboost", runtimeHint: "kserve-xgbserver", artifactSizeBytes: 61 * MB, metrics: { ndcg_at_10: 0.447, mrr: 0.415, latency_p95_ms: 12.4 }, ...run("mlflow", "rank-187"), dataset: "s3://datasets/search/clicks/2026-08", gitCommit: "0b7d2e9", parentVersion: 2, registeredBy: "engineer@gantry.dev", daysAgo: 40 },
      { version: 4, storageUri: "s3://models/search/search-ranker/v4", modelFormat: "xgboost", runtimeHint: "kserve-xgbserver", artifactSizeBytes: 63 * MB, metrics: { ndcg_at_10: 0.443, mrr: 0.419, latency_p95_ms: 13.9 }, ...run("mlflow", "rank-201"), dataset: "s3://datasets/search/clicks/2026-10", gitCommit: "5c8f1a4", parentVersion: 3, registeredBy: "engineer@gantry.dev", daysAgo: 3 },
    ],
    aliases: { champion: 3, challenger: 4 },
  },
  {
    name: "doc-embedder",
    team: "search",
    task: "embedding",
    framework: "huggingface",
    description: "Sentence embeddings (bge-base, fine-tuned on our catalogue) for semantic search and deduplication.",
    tags: ["nlp", "embedding", "semantic-search", "transformer"],
    modelCard: {
      intendedUse: "Embedding product titles, descriptions and queries into one 768-dimension space.",
      limitations: "Inputs are truncated at 512 tokens; quality on code and tables is poor.",
      evaluationData: "Internal retrieval benchmark (12k query–document pairs) plus MTEB retrieval subsets.",
      ethicalConsiderations: "Base model licence (MIT) allows commercial use; embeddings may encode stereotypes present in web text.",
    },
    versions: [
      { version: 1, storageUri: "hf://BAAI/bge-base-en-v1.5", modelFormat: "huggingface", runtimeHint: "kserve-huggingfaceserver", artifactSizeBytes: 438 * MB, metrics: { recall_at_10: 0.781, mrr_at_10: 0.612, latency_p95_ms: 18 }, ...run("wandb", "emb-base"), dataset: "hf://datasets/BAAI/MTEB", gitCommit: "e0c1d22", registeredBy: "engineer@gantry.dev", daysAgo: 120 },
      { version: 2, storageUri: "s3://models/search/doc-embedder/v2", modelFormat: "huggingface", runtimeHint: "kserve-huggingfaceserver", artifactSizeBytes: 438 * MB, metrics: { recall_at_10: 0.836, mrr_at_10: 0.671, latency_p95_ms: 18 }, ...run("wandb", "emb-ft-07"), dataset: "s3://datasets/search/catalogue-pairs/2026-07", gitCommit: "91fe0ab", parentVersion: 1, registeredBy: "engineer@gantry.dev", daysAgo: 70 },
      { version: 3, storageUri: "s3://models/search/doc-embedder/v3", modelFormat: "huggingface", runtimeHint: "kserve-huggingfaceserver", artifactSizeBytes: 438 * MB, metrics: { recall_at_10: 0.851, mrr_at_10: 0.689, latency_p95_ms: 17 }, ...run("wandb", "emb-ft-10"), dataset: "s3://datasets/search/catalogue-pairs/2026-10", gitCommit: "2ab93c7", parentVersion: 2, registeredBy: "engineer@gantry.dev", daysAgo: 9 },
    ],
    aliases: { champion: 3 },
  },
  {
    name: "fraud-scorer",
    team: "fraud",
    task: "classification",
    framework: "lightgbm",
    description: "Scores card transactions for fraud in real time (gradient-boosted trees over 180 features).",
    tags: ["tabular", "fraud", "real-time", "payments"],
    modelCard: {
      intendedUse: "Blocking or stepping up authentication for risky card transactions, with human review of blocks.",
      limitations: "Recall drops for merchants with under 30 days of history; recalibrate after scheme changes.",
      evaluationData: "Out-of-time test set: the month after training, with chargebacks matured for 60 days.",
      ethicalConsiderations: "No protected attributes are used; false-positive rates are reported per country and card type.",
    },
    versions: [
      { version: 1, storageUri: "gs://gantry-fraud-models/fraud-scorer/v1", modelFormat: "lightgbm", runtimeHint: "kserve-lgbserver", artifactSizeBytes: 18 * MB, metrics: { auc: 0.941, precision_at_1pct_fpr: 0.62, recall: 0.71, log_loss: 0.082 }, ...run("mlflow", "fs-2026-01"), dataset: "gs://gantry-fraud-data/transactions/2025-12", gitCommit: "f00d123", registeredBy: "fraud-engineer@gantry.dev", daysAgo: 280, status: "archived" },
      { version: 2, storageUri: "gs://gantry-fraud-models/fraud-scorer/v2", modelFormat: "lightgbm", runtimeHint: "kserve-lgbserver", artifactSizeBytes: 21 * MB, metrics: { auc: 0.948, precision_at_1pct_fpr: 0.65, recall: 0.73, log_loss: 0.078 }, ...run("mlflow", "fs-2026-03"), dataset: "gs://gantry-fraud-data/transactions/2026-02", gitCommit: "beef456", parentVersion: 1, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 220, status: "deprecated" },
      { version: 3, storageUri: "gs://gantry-fraud-models/fraud-scorer/v3", modelFormat: "lightgbm", runtimeHint: "kserve-lgbserver", artifactSizeBytes: 24 * MB, metrics: { auc: 0.953, precision_at_1pct_fpr: 0.68, recall: 0.75, log_loss: 0.074 }, ...run("mlflow", "fs-2026-06"), dataset: "gs://gantry-fraud-data/transactions/2026-05", gitCommit: "cafe789", parentVersion: 2, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 120 },
      { version: 4, storageUri: "gs://gantry-fraud-models/fraud-scorer/v4", modelFormat: "lightgbm", runtimeHint: "kserve-lgbserver", artifactSizeBytes: 26 * MB, metrics: { auc: 0.957, precision_at_1pct_fpr: 0.7, recall: 0.77, log_loss: 0.071 }, ...run("mlflow", "fs-2026-09"), dataset: "gs://gantry-fraud-data/transactions/2026-08", gitCommit: "d00dabc", parentVersion: 3, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 30 },
      { version: 5, storageUri: "gs://gantry-fraud-models/fraud-scorer/v5", modelFormat: "lightgbm", runtimeHint: "kserve-lgbserver", artifactSizeBytes: 27 * MB, metrics: { auc: 0.951, precision_at_1pct_fpr: 0.66, recall: 0.78, log_loss: 0.075 }, ...run("mlflow", "fs-2026-10"), dataset: "gs://gantry-fraud-data/transactions/2026-10", gitCommit: "0ddba11", parentVersion: 4, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 4 },
    ],
    aliases: { champion: 4, challenger: 5 },
  },
  {
    name: "txn-anomaly-detector",
    team: "fraud",
    task: "anomaly-detection",
    framework: "onnx",
    description: "Autoencoder over transaction sequences, exported to ONNX and served on Triton with dynamic batching.",
    tags: ["fraud", "sequence", "triton", "onnx"],
    modelCard: {
      intendedUse: "Flagging unusual account behaviour for analyst review; never blocks on its own.",
      limitations: "Needs 20+ past transactions per account; cold-start accounts get no score.",
      evaluationData: "Analyst-confirmed account takeovers from 2026-H1 against a random sample of normal accounts.",
      ethicalConsiderations: "Scores are reviewed by people before any action on a customer account.",
    },
    versions: [
      { version: 1, storageUri: "s3://models/fraud/txn-anomaly-detector/v1", modelFormat: "onnx", runtimeHint: "kserve-tritonserver", artifactSizeBytes: 172 * MB, metrics: { auc_pr: 0.412, false_positive_rate: 0.021, latency_p95_ms: 6.8 }, ...run("mlflow", "tad-031"), dataset: "s3://datasets/fraud/sequences/2026-04", gitCommit: "77aa01b", registeredBy: "fraud-engineer@gantry.dev", daysAgo: 150 },
      { version: 2, storageUri: "s3://models/fraud/txn-anomaly-detector/v2", modelFormat: "onnx", runtimeHint: "kserve-tritonserver", artifactSizeBytes: 181 * MB, metrics: { auc_pr: 0.447, false_positive_rate: 0.018, latency_p95_ms: 7.1 }, ...run("mlflow", "tad-044"), dataset: "s3://datasets/fraud/sequences/2026-07", gitCommit: "88bb02c", parentVersion: 1, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 60 },
      { version: 3, storageUri: "s3://models/fraud/txn-anomaly-detector/v3", modelFormat: "onnx", runtimeHint: "kserve-tritonserver", artifactSizeBytes: 185 * MB, gpuMemoryBytes: 2 * GIB, metrics: { auc_pr: 0.463, false_positive_rate: 0.019, latency_p95_ms: 6.5 }, ...run("mlflow", "tad-052"), dataset: "s3://datasets/fraud/sequences/2026-09", gitCommit: "99cc03d", parentVersion: 2, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 15 },
    ],
    aliases: { champion: 2, challenger: 3 },
  },
  {
    name: "merchant-risk",
    team: "fraud",
    task: "classification",
    framework: "tensorflow",
    description: "Wide-and-deep network that rates new merchants at onboarding (low, medium, high risk).",
    tags: ["fraud", "onboarding", "tabular"],
    modelCard: {
      intendedUse: "Prioritising manual onboarding reviews.",
      limitations: "Trained on three markets only; do not use for markets outside EU/UK/US.",
      evaluationData: "Merchants onboarded in 2026-Q2 with 90-day outcomes.",
      ethicalConsiderations: "Owner nationality and location below city level are excluded as features.",
    },
    versions: [
      { version: 1, storageUri: "gs://gantry-fraud-models/merchant-risk/v1", modelFormat: "tensorflow", runtimeHint: "kserve-tensorflow-serving", artifactSizeBytes: 310 * MB, metrics: { auc: 0.861, recall_high_risk: 0.64, brier_score: 0.112 }, ...run("mlflow", "mr-007"), dataset: "gs://gantry-fraud-data/merchants/2026-03", gitCommit: "1a2b3c4", registeredBy: "fraud-engineer@gantry.dev", daysAgo: 110 },
      { version: 2, storageUri: "gs://gantry-fraud-models/merchant-risk/v2", modelFormat: "tensorflow", runtimeHint: "kserve-tensorflow-serving", artifactSizeBytes: 325 * MB, metrics: { auc: 0.874, recall_high_risk: 0.69, brier_score: 0.104 }, ...run("mlflow", "mr-011"), dataset: "gs://gantry-fraud-data/merchants/2026-06", gitCommit: "5d6e7f8", parentVersion: 1, registeredBy: "fraud-engineer@gantry.dev", daysAgo: 20 },
    ],
    aliases: { champion: 2 },
  },
  {
    name: "llama-3-1-8b-instruct",
    team: "assistant",
    task: "text-generation",
    framework: "huggingface",
    description: "Llama-3.1-8B-Instruct served with vLLM for the support assistant; later versions are LoRA-merged fine-tunes on support dialogues.",
    tags: ["llm", "vllm", "chat", "support"],
    modelCard: {
      intendedUse: "Drafting answers to customer-support questions for agents to review and send.",
      limitations: "Can state wrong facts confidently; answers about orders must be grounded with retrieved data. 8k context in our serving config.",
      evaluationData: "1,200 anonymised support conversations graded by agents, plus MMLU and MT-Bench for regressions.",
      ethicalConsiderations: "Llama 3.1 Community License. Outputs pass a safety filter; no customer data is used for training without consent.",
    },
    versions: [
      { version: 1, storageUri: "hf://meta-llama/Llama-3.1-8B-Instruct", modelFormat: "huggingface", runtimeHint: "vllm", artifactSizeBytes: 16.06 * GB, metrics: { mmlu: 0.683, support_win_rate: 0.5, ttft_p95_ms: 210, hallucination_rate: 0.081 }, ...run("wandb", "llm-base"), dataset: "s3://datasets/assistant/support-eval/2026-05", gitCommit: "aa11bb2", registeredBy: "engineer@gantry.dev", daysAgo: 140 },
      { version: 2, storageUri: "s3://models/assistant/llama-3-1-8b-instruct/v2", modelFormat: "huggingface", runtimeHint: "vllm", artifactSizeBytes: 16.06 * GB, metrics: { mmlu: 0.679, support_win_rate: 0.61, ttft_p95_ms: 214, hallucination_rate: 0.064 }, ...run("wandb", "llm-sft-03"), dataset: "s3://datasets/assistant/support-dialogues/2026-07", gitCommit: "cc33dd4", parentVersion: 1, registeredBy: "engineer@gantry.dev", daysAgo: 55 },
      { version: 3, storageUri: "s3://models/assistant/llama-3-1-8b-instruct/v3", modelFormat: "huggingface", runtimeHint: "vllm", artifactSizeBytes: 16.06 * GB, metrics: { mmlu: 0.681, support_win_rate: 0.66, ttft_p95_ms: 208, hallucination_rate: 0.052 }, ...run("wandb", "llm-sft-05"), dataset: "s3://datasets/assistant/support-dialogues/2026-10", gitCommit: "ee55ff6", parentVersion: 2, registeredBy: "engineer@gantry.dev", daysAgo: 6 },
    ],
    aliases: { champion: 2, challenger: 3 },
  },
  {
    name: "ticket-router",
    team: "assistant",
    task: "classification",
    framework: "pytorch",
    description: "DistilBERT classifier that routes incoming support tickets to one of 14 queues.",
    tags: ["nlp", "support", "transformer"],
    modelCard: {
      intendedUse: "Routing tickets to queues; agents can re-route.",
      limitations: "Struggles with tickets mixing several issues; English, German and French only.",
      evaluationData: "6k tickets from 2026-Q3 with their final queue after agent re-routing.",
      ethicalConsiderations: "Ticket text is pseudonymised before training.",
    },
    versions: [
      { version: 1, storageUri: "s3://models/assistant/ticket-router/v1", modelFormat: "pytorch", runtimeHint: "kserve-torchserve", artifactSizeBytes: 265 * MB, metrics: { accuracy: 0.823, f1_macro: 0.781, latency_p95_ms: 22 }, ...run("wandb", "tr-12"), dataset: "s3://datasets/assistant/tickets/2026-06", gitCommit: "abc0001", registeredBy: "engineer@gantry.dev", daysAgo: 90 },
      { version: 2, storageUri: "s3://models/assistant/ticket-router/v2", modelFormat: "pytorch", runtimeHint: "kserve-torchserve", artifactSizeBytes: 268 * MB, metrics: { accuracy: 0.847, f1_macro: 0.802, latency_p95_ms: 24 }, ...run("wandb", "tr-19"), dataset: "s3://datasets/assistant/tickets/2026-09", gitCommit: "abc0002", parentVersion: 1, registeredBy: "engineer@gantry.dev", daysAgo: 18 },
    ],
    aliases: { champion: 2 },
  },
];

/**
 * Demo prices per GPU-hour (US dollars), keyed by the pool names of the embedded cluster's
 * fleet (sim/fleet/default-fleet.yaml). Pools live in the cluster, not in the registry.
 */
export const SEED_GPU_PRICES: { pool: string; pricePerGpuHour: number }[] = [
  { pool: "h100-pool", pricePerGpuHour: 9.8 },
  { pool: "a100-pool", pricePerGpuHour: 3.67 },
  { pool: "l4-pool", pricePerGpuHour: 0.85 },
  { pool: "t4-pool", pricePerGpuHour: 0.55 },
];
