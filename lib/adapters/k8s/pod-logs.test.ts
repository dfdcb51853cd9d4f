import { CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";
import { followPodLog } from "./kinds/pod-logs";

// Following a pod's log against the embedded cluster, and stopping the follow the way a closed
// browser tab does: lines arrive, and stopping ends quietly (an uncaught error fails the run).

let sim: TSimProcess;
let kubeConfig: KubeConfig;

beforeAll(async () => {
  sim = await startSimProcess();
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  await kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: "serving.kserve.io",
    version: "v1beta1",
    namespace: "default",
    plural: "inferenceservices",
    body: {
      apiVersion: "serving.kserve.io/v1beta1",
      kind: "InferenceService",
      metadata: { name: "iris" },
      spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } },
    },
  });
});

afterAll(async () => {
  await sim?.stop();
});

describe("followPodLog", () => {
  it("streams lines and ends quietly when stopped", async () => {
    const connection = { kubeConfig, clusterKey: "test", server: sim.url };
    const lines: string[] = [];
    let ended: { error: string | null } | null = null;
    const deadline = Date.now() + 20_000;
    let stop: (() => void) | null = null;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    while (!stop && Date.now() < deadline) {
      try {
        const pods = await core.listNamespacedPod({ namespace: "default", labelSelector: "serving.kserve.io/inferenceservice=iris" });
        const pod = pods.items[0]?.metadata?.name;
        if (!pod) throw new Error("no pod yet");
        stop = await followPodLog(connection, { namespace: "default", pod, container: "kserve-container", tailLines: 50 }, (line) => lines.push(line), (error) => (ended = { error }));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200)); // the pod is not running yet
      }
    }
    expect(stop).not.toBeNull();
    while (lines.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.length).toBeGreaterThan(0);
    stop!();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ended).toEqual({ error: null });
  });
});
