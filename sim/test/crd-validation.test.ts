import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestSim, type TestSim } from "./helpers";

// The sim's own InferenceService schema must agree with the upstream CRD. Each corpus entry
// is sent to the sim with dryRun=All and checked with ajv against the real openAPIV3Schema.

const repoRoot = path.resolve(import.meta.dirname, "../..");
const crdFile = path.resolve(repoRoot, "../shared/reference/kserve/crd/full/serving.kserve.io_inferenceservices.yaml");
const present = existsSync(crdFile);

type Spec = Record<string, unknown>;
const isvc = (spec: Spec | undefined, annotations?: Record<string, string>) => ({
  apiVersion: "serving.kserve.io/v1beta1",
  kind: "InferenceService",
  metadata: { name: "corpus", ...(annotations ? { annotations } : {}) },
  ...(spec ? { spec } : {}),
});
const model = (extra: Spec = {}) => ({ modelFormat: { name: "sklearn" }, storageUri: "gs://models/iris", ...extra });
const fixture = (name: string) => parseYaml(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")) as Spec;

const valid: [string, unknown][] = [
  ["sklearn-iris fixture", fixture("sklearn-iris.yaml")],
  ["llama-3-8b fixture", fixture("llama-3-8b.yaml")],
  ["onnx model", isvc({ predictor: { model: { modelFormat: { name: "onnx", version: "1" }, storageUri: "s3://models/resnet" } } })],
  ["legacy sklearn shortcut", isvc({ predictor: { sklearn: { storageUri: "gs://models/iris" } } })],
  ["explicit runtime", isvc({ predictor: { model: model({ runtime: "kserve-sklearnserver", protocolVersion: "v2" }) } })],
  ["integer quantities", isvc({ predictor: { model: model({ resources: { requests: { cpu: 1, memory: "512Mi" }, limits: { cpu: "1500m", memory: "1e9" } } }) } })],
  ["replicas and canary", isvc({ predictor: { minReplicas: 0, maxReplicas: 3, canaryTrafficPercent: 20, model: model() } })],
  ["tolerations and nodeSelector", isvc({ predictor: { nodeSelector: { "nvidia.com/gpu.present": "true" }, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 30 }], model: model() } })],
  ["required node affinity", isvc({ predictor: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "gantry.dev/pool", operator: "In", values: ["l4-pool"] }] }] } } }, model: model() } })],
  ["env from secret", isvc({ predictor: { model: model({ env: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "hf", key: "token" } } }] }) } })],
  ["container ports", isvc({ predictor: { containers: [{ name: "kserve-container", image: "x:1", ports: [{ containerPort: 8080, protocol: "TCP" }] }] } })],
  ["named probe port", isvc({ predictor: { containers: [{ name: "kserve-container", image: "x:1", readinessProbe: { httpGet: { path: "/health", port: "http" } } }] } })],
  ["logger", isvc({ predictor: { logger: { mode: "all", url: "http://logger" }, model: model() } })],
  ["transformer", isvc({ predictor: { model: model() }, transformer: { containers: [{ name: "transformer", image: "t:1" }] } })],
  ["scale metric", isvc({ predictor: { scaleMetric: "concurrency", scaleTarget: 10, model: model() } })],
  ["component labels", isvc({ predictor: { labels: { team: "search" }, annotations: { a: "b" }, model: model() } })],
  ["deployment strategy", isvc({ predictor: { deploymentStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } }, model: model() } })],
  ["huggingface args", isvc({ predictor: { model: { modelFormat: { name: "huggingface" }, args: ["--model_id=org/model"], storageUri: "hf://org/model" } } })],
  ["volumes", isvc({ predictor: { volumes: [{ name: "shm", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } }], model: model({ volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }] }) } })],
  ["standard canary", isvc({ predictor: { name: "stable", model: model() }, canary: [{ predictor: { name: "v2", model: model({ name: "kserve-container" }) }, trafficPercent: 10 }] }, { "serving.kserve.io/deploymentMode": "Standard" })],
];

const invalid: [string, unknown][] = [
  ["spec without predictor", isvc({ transformer: { containers: [{ name: "t", image: "t:1" }] } })],
  ["minReplicas as string", isvc({ predictor: { minReplicas: "two", model: model() } })],
  ["canary percent as string", isvc({ predictor: { canaryTrafficPercent: "50", model: model() } })],
  ["canary percent not integer", isvc({ predictor: { canaryTrafficPercent: 12.5, model: model() } })],
  ["modelFormat without name", isvc({ predictor: { model: { modelFormat: { version: "1" }, storageUri: "gs://m" } } })],
  ["storageUri as number", isvc({ predictor: { model: model({ storageUri: 42 }) } })],
  ["memory quantity with a space", isvc({ predictor: { model: model({ resources: { limits: { memory: "24 GB" } } }) } })],
  ["cpu as boolean", isvc({ predictor: { model: model({ resources: { requests: { cpu: true } } }) } })],
  ["container without name", isvc({ predictor: { containers: [{ image: "x:1" }] } })],
  ["containers as object", isvc({ predictor: { containers: { name: "c", image: "x:1" } } })],
  ["args not strings", isvc({ predictor: { model: model({ args: [1, 2] }) } })],
  ["env without name", isvc({ predictor: { model: model({ env: [{ value: "x" }] }) } })],
  ["port without containerPort", isvc({ predictor: { containers: [{ name: "c", image: "x:1", ports: [{ name: "http" }] }] } })],
  ["unknown logger mode", isvc({ predictor: { logger: { mode: "sometimes" }, model: model() } })],
  ["unknown scale metric", isvc({ predictor: { scaleMetric: "gpu", model: model() } })],
  ["tolerationSeconds as string", isvc({ predictor: { tolerations: [{ key: "k", tolerationSeconds: "300" }], model: model() } })],
  ["nodeSelector value not a string", isvc({ predictor: { nodeSelector: { "nvidia.com/gpu.count": 1 }, model: model() } })],
  ["node affinity without terms", isvc({ predictor: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } }, model: model() } })],
  ["tcpSocket probe without port", isvc({ predictor: { containers: [{ name: "c", image: "x:1", readinessProbe: { tcpSocket: { host: "h" } } }] } })],
  ["canary entry without percent", isvc({ predictor: { name: "stable", model: model() }, canary: [{ predictor: { name: "v2" } }] }, { "serving.kserve.io/deploymentMode": "Standard" })],
  ["canary percent above 100", isvc({ predictor: { name: "stable", model: model() }, canary: [{ predictor: { name: "v2", model: model({ name: "kserve-container" }) }, trafficPercent: 150 }] }, { "serving.kserve.io/deploymentMode": "Standard" })],
  ["predictor as string", isvc({ predictor: "sklearn" })],
  ["startup probe httpGet without port", isvc({ predictor: { containers: [{ name: "c", image: "x:1", startupProbe: { httpGet: { path: "/" } } }] } })],
  ["volumeMount without mountPath", isvc({ predictor: { model: model({ volumeMounts: [{ name: "v" }] }) } })],
];

describe("InferenceService validation agrees with the upstream CRD", () => {
  let t: TestSim;
  let upstreamAccepts: (obj: unknown) => boolean;

  beforeAll(async () => {
    t = await startTestSim();
    if (!present) return;
    const crd = parseYaml(readFileSync(crdFile, "utf8")) as { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
    const schema = crd.spec.versions.find((v) => v.name === "v1beta1")?.schema.openAPIV3Schema;
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    const check = ajv.compile(schema ?? {});
    upstreamAccepts = (obj) => check(obj) as boolean;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("has a corpus of at least 20 valid and 20 invalid objects", () => {
    expect(valid.length).toBeGreaterThanOrEqual(20);
    expect(invalid.length).toBeGreaterThanOrEqual(20);
  });

  const cases = [...valid.map(([n, o]) => [n, o, true] as const), ...invalid.map(([n, o]) => [n, o, false] as const)];
  it.skipIf(!present).each(cases)("%s: upstream and sim agree", async (_name, obj, expected) => {
    expect(upstreamAccepts(obj)).toBe(expected);
    const res = await http(t.sim, "POST", "/apis/serving.kserve.io/v1beta1/namespaces/default/inferenceservices?dryRun=All", obj);
    expect(res.status, JSON.stringify(res.body)).toBe(expected ? 201 : 422);
    if (!expected) expect(res.body).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
  });

  it("reports field causes for invalid objects", async () => {
    const res = await http(t.sim, "POST", "/apis/serving.kserve.io/v1beta1/namespaces/default/inferenceservices", isvc({ predictor: { minReplicas: "two", model: model() } }));
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0]).toMatchObject({ field: "spec.predictor.minReplicas", reason: "FieldValueTypeInvalid" });
  });
});
