import type { TestSim } from "./helpers";
import { waitFor } from "./helpers";

// A small fleet with one deployment per runtime, a canary made slower and more error-prone by
// annotation, GPUs held by pods and idle GPUs: the series every metrics test reads.

export const NS = "ml-metrics";

const isvc = (name: string, predictor: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: "serving.kserve.io/v1beta1",
  kind: "InferenceService",
  metadata: { name, namespace: NS, annotations },
  spec: { predictor },
});

const gpuLimits = { cpu: "4", memory: "40Gi", "nvidia.com/gpu": "1" };

/** `rpsScale` multiplies every deployment's rate (the contract test wants large counts). */
export async function seedMetricsScenario(t: TestSim, rpsScale = 1): Promise<void> {
  const rps = (n: number) => String(n * rpsScale);
  await t.core.createNamespace({ body: { metadata: { name: NS } } });
  const create = (body: object) => t.custom.createNamespacedCustomObject({ group: "serving.kserve.io", version: "v1beta1", namespace: NS, plural: "inferenceservices", body });
  await create(
    isvc(
      "fraud-sklearn",
      { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://models/fraud/v1", resources: { limits: { cpu: "1", memory: "2Gi" } } } },
      { "gantry.dev/sim-rps": rps(40), "gantry.dev/sim-canary-latency-factor": "3", "gantry.dev/sim-canary-error-rate": "0.08" },
    ),
  );
  await create(isvc("chat-llm", { model: { modelFormat: { name: "vLLM" }, storageUri: "hf://meta-llama/Llama-3.1-8B-Instruct", resources: { limits: gpuLimits } } }, { "gantry.dev/sim-rps": rps(3), "gantry.dev/sim-gpu-capacity-rps": rps(3) }));
  await create(isvc("resnet-onnx", { model: { modelFormat: { name: "onnx" }, storageUri: "gs://models/resnet/1", resources: { limits: gpuLimits } } }, { "gantry.dev/sim-rps": rps(25), "gantry.dev/sim-gpu-capacity-rps": rps(25) }));
  const ready = async (name: string, rev?: string) =>
    waitFor(
      `${name} ready`,
      async () => {
        const o = (await t.custom.getNamespacedCustomObject({ group: "serving.kserve.io", version: "v1beta1", namespace: NS, plural: "inferenceservices", name })) as {
          status?: { conditions?: { type: string; status: string }[]; components?: { predictor?: { latestReadyRevision?: string } } };
        };
        const isReady = o.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        return isReady && (!rev || o.status?.components?.predictor?.latestReadyRevision === rev);
      },
      60_000,
      50,
    );
  await Promise.all([ready("fraud-sklearn"), ready("chat-llm"), ready("resnet-onnx")]);
  // A canary at 20 % that is slower and fails more.
  await t.custom.patchNamespacedCustomObject(
    {
      group: "serving.kserve.io",
      version: "v1beta1",
      namespace: NS,
      plural: "inferenceservices",
      name: "fraud-sklearn",
      body: [
        { op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/fraud/v2" },
        { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 },
      ],
    },
  );
  await ready("fraud-sklearn", "fraud-sklearn-predictor-00002");
}
