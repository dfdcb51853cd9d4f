import { type Schema, anyObject, arrOf, bool, int, intOrString, mapOf, obj, oneOf, quantity, str } from "./schema";

// Our own description of the InferenceService v1beta1 schema: the structure, types,
// required fields, enums, quantities and int-or-string fields that matter for validation.
// It is written to agree with the upstream CRD; sim/test/crd-validation.test.ts checks that.

const strings = arrOf(str);
const stringMap = mapOf(str);

const httpHeader = obj({ name: str, value: str }, ["name", "value"]);
const httpGet = (portRequired: boolean): Schema => obj({ host: str, httpHeaders: arrOf(httpHeader), path: str, port: intOrString, scheme: str }, portRequired ? ["port"] : undefined);
const probe = (startup: boolean): Schema =>
  obj({
    exec: obj({ command: strings }),
    failureThreshold: int,
    grpc: obj({ port: int, service: str }, ["port"]),
    httpGet: httpGet(startup),
    initialDelaySeconds: int,
    periodSeconds: int,
    successThreshold: int,
    tcpSocket: obj({ host: str, port: intOrString }, ["port"]),
    terminationGracePeriodSeconds: int,
    timeoutSeconds: int,
  });

const keyRef = obj({ key: str, name: str, optional: bool }, ["key"]);
const envVar = obj(
  {
    name: str,
    value: str,
    valueFrom: obj({
      configMapKeyRef: keyRef,
      secretKeyRef: keyRef,
      fieldRef: obj({ apiVersion: str, fieldPath: str }, ["fieldPath"]),
      resourceFieldRef: obj({ containerName: str, divisor: quantity, resource: str }, ["resource"]),
      fileKeyRef: obj({ key: str, optional: bool, path: str, volumeName: str }, ["key", "path", "volumeName"]),
    }),
  },
  ["name"],
);

const resources = obj({
  claims: arrOf(obj({ name: str, request: str }, ["name"])),
  limits: mapOf(quantity),
  requests: mapOf(quantity),
});

const lifecycleHandler = obj({
  exec: obj({ command: strings }),
  httpGet: httpGet(true),
  sleep: obj({ seconds: int }, ["seconds"]),
  tcpSocket: obj({ host: str, port: intOrString }, ["port"]),
});

const containerFields: Record<string, Schema> = {
  args: strings,
  command: strings,
  env: arrOf(envVar),
  envFrom: arrOf(obj({ configMapRef: obj({ name: str, optional: bool }), prefix: str, secretRef: obj({ name: str, optional: bool }) })),
  image: str,
  imagePullPolicy: str,
  lifecycle: obj({ postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: str }),
  livenessProbe: probe(false),
  name: str,
  ports: arrOf(obj({ containerPort: int, hostIP: str, hostPort: int, name: str, protocol: str }, ["containerPort"])),
  readinessProbe: probe(false),
  resizePolicy: arrOf(obj({ resourceName: str, restartPolicy: str }, ["resourceName", "restartPolicy"])),
  resources,
  restartPolicy: str,
  securityContext: obj({
    allowPrivilegeEscalation: bool,
    appArmorProfile: obj({ localhostProfile: str, type: str }, ["type"]),
    capabilities: obj({ add: strings, drop: strings }),
    privileged: bool,
    procMount: str,
    readOnlyRootFilesystem: bool,
    runAsGroup: int,
    runAsNonRoot: bool,
    runAsUser: int,
    seccompProfile: obj({ localhostProfile: str, type: str }, ["type"]),
  }),
  startupProbe: probe(true),
  stdin: bool,
  stdinOnce: bool,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  tty: bool,
  volumeDevices: arrOf(obj({ devicePath: str, name: str }, ["devicePath", "name"])),
  volumeMounts: arrOf(obj({ mountPath: str, mountPropagation: str, name: str, readOnly: bool, recursiveReadOnly: str, subPath: str, subPathExpr: str }, ["mountPath", "name"])),
  workingDir: str,
};

const container = obj(containerFields, ["name"]);

/** Framework shortcuts and `model` are containers with storage fields (name not required). */
const predictorExtension = (extra: Record<string, Schema> = {}): Schema =>
  obj({
    ...containerFields,
    protocolVersion: str,
    runtimeVersion: str,
    storageUri: str,
    storage: obj({ key: str, parameters: stringMap, path: str, schemaPath: str }),
    confidential: obj({ enabled: bool }, ["enabled"]),
    ...extra,
  });

const nodeSelectorRequirement = obj({ key: str, operator: str, values: strings }, ["key", "operator"]);
const nodeSelectorTerm = obj({ matchExpressions: arrOf(nodeSelectorRequirement), matchFields: arrOf(nodeSelectorRequirement) });
const affinity = obj({
  nodeAffinity: obj({
    preferredDuringSchedulingIgnoredDuringExecution: arrOf(obj({ preference: nodeSelectorTerm, weight: int }, ["preference", "weight"])),
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: arrOf(nodeSelectorTerm) }, ["nodeSelectorTerms"]),
  }),
  podAffinity: anyObject,
  podAntiAffinity: anyObject,
});

const podSpecFields: Record<string, Schema> = {
  activeDeadlineSeconds: int,
  affinity,
  automountServiceAccountToken: bool,
  containers: arrOf(container),
  dnsConfig: obj({ nameservers: strings, options: arrOf(obj({ name: str, value: str })), searches: strings }),
  dnsPolicy: str,
  enableServiceLinks: bool,
  hostAliases: arrOf(obj({ hostnames: strings, ip: str }, ["ip"])),
  hostIPC: bool,
  hostNetwork: bool,
  hostPID: bool,
  hostUsers: bool,
  hostname: str,
  imagePullSecrets: arrOf(obj({ name: str })),
  initContainers: arrOf(container),
  nodeName: str,
  nodeSelector: stringMap,
  overhead: mapOf(quantity),
  preemptionPolicy: str,
  priority: int,
  priorityClassName: str,
  restartPolicy: str,
  runtimeClassName: str,
  schedulerName: str,
  securityContext: anyObject,
  serviceAccount: str,
  serviceAccountName: str,
  setHostnameAsFQDN: bool,
  shareProcessNamespace: bool,
  subdomain: str,
  terminationGracePeriodSeconds: int,
  tolerations: arrOf(obj({ effect: str, key: str, operator: str, tolerationSeconds: int, value: str })),
  topologySpreadConstraints: arrOf(obj({ labelSelector: anyObject, maxSkew: int, topologyKey: str, whenUnsatisfiable: str }, ["maxSkew", "topologyKey", "whenUnsatisfiable"])),
  volumes: arrOf(obj({ name: str, emptyDir: obj({ medium: str, sizeLimit: quantity }) }, ["name"])),
};

const componentFields: Record<string, Schema> = {
  ...podSpecFields,
  annotations: stringMap,
  labels: stringMap,
  minReplicas: int,
  maxReplicas: int,
  scaleTarget: int,
  scaleMetric: oneOf(["cpu", "memory", "concurrency", "rps"]),
  scaleMetricType: oneOf(["Utilization", "Value", "AverageValue"]),
  containerConcurrency: int,
  timeout: int,
  canaryTrafficPercent: int,
  logger: obj({ mode: oneOf(["all", "request", "response"]), url: str, batchSize: int, batchInterval: str, marshallerUrl: str, metadataHeaders: strings, metadataAnnotations: strings }),
  batcher: obj({ maxBatchSize: int, maxLatency: int, timeout: int }),
  deploymentStrategy: obj({ rollingUpdate: obj({ maxSurge: intOrString, maxUnavailable: intOrString }), type: str }),
  autoScaling: obj({ metrics: arrOf(obj({ type: str }, ["type"])) }),
  storageUris: arrOf(obj({ mountPath: str, uri: str }, ["uri"])),
  storageContainerName: str,
  workerSpec: obj({ ...podSpecFields, pipelineParallelSize: int, tensorParallelSize: int }),
};

const modelSchema = predictorExtension({ modelFormat: obj({ name: str, version: str }, ["name"]), runtime: str });

const predictorWith = (model: Schema): Schema => obj({
  ...componentFields,
  name: str,
  model,
  sklearn: predictorExtension(),
  xgboost: predictorExtension(),
  lightgbm: predictorExtension(),
  tensorflow: predictorExtension(),
  pytorch: predictorExtension(),
  onnx: predictorExtension(),
  triton: predictorExtension(),
  huggingface: predictorExtension(),
  pmml: predictorExtension(),
  paddle: predictorExtension(),
});

const predictor = predictorWith(modelSchema);
/** In spec.canary[] the model is a full container, so it needs a name too (upstream quirk). */
const canaryPredictor = predictorWith({ ...modelSchema, required: ["name"] });

const component = obj(componentFields);

export const inferenceServiceSchema: Schema = obj({
  apiVersion: str,
  kind: str,
  metadata: anyObject,
  spec: obj(
    {
      predictor,
      transformer: component,
      explainer: component,
      canary: arrOf(obj({ predictor: canaryPredictor, trafficPercent: { type: "integer", minimum: 0, maximum: 100 } }, ["predictor", "trafficPercent"])),
    },
    ["predictor"],
  ),
  status: anyObject,
});

