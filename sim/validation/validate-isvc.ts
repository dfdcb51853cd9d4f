import type { FieldCause, KubeObject } from "../store/types";
import { inferenceServiceSchema } from "./isvc-schema";
import { validate } from "./schema";

const MODE = "serving.kserve.io/deploymentMode";
const LEGACY_MODES: Record<string, string> = { Serverless: "Knative", RawDeployment: "Standard" };

/** CRD schema validation (what kube-apiserver checks for the CRD). */
export function validateInferenceServiceSchema(obj: unknown): FieldCause[] {
  const causes: FieldCause[] = [];
  validate(obj, inferenceServiceSchema, "", causes);
  return causes.map((c) => ({ ...c, field: c.field.replace(/^\./, "") }));
}

/** The defaulting webhook: legacy deployment-mode names are rewritten to the new ones. */
export function admitInferenceService(obj: KubeObject): void {
  const mode = obj.metadata.annotations?.[MODE];
  const mapped = mode ? LEGACY_MODES[mode] : undefined;
  if (mapped && obj.metadata.annotations) obj.metadata.annotations[MODE] = mapped;
}

/** Schema validation plus the validating webhook's rules that the sim models. */
export function validateInferenceService(obj: KubeObject, old: KubeObject | undefined): FieldCause[] {
  const causes = validateInferenceServiceSchema(obj);
  if (causes.length) return causes;
  const recordedMode = (old?.status as { deploymentMode?: string } | undefined)?.deploymentMode;
  const oldAnnotation = old?.metadata.annotations?.[MODE];
  const newAnnotation = obj.metadata.annotations?.[MODE];
  if (old && recordedMode && oldAnnotation !== newAnnotation) {
    causes.push({ field: `metadata.annotations[${MODE}]`, message: "Forbidden: deploymentMode cannot be changed", reason: "FieldValueForbidden" });
  }
  const canary = (obj.spec as { canary?: unknown[] } | undefined)?.canary;
  if (canary?.length && newAnnotation !== "Standard") {
    causes.push({ field: "spec.canary", message: "Forbidden: canary is only supported in Standard deployment mode", reason: "FieldValueForbidden" });
  }
  return causes;
}
