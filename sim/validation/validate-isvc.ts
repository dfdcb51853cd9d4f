import type { FieldCause, KubeObject } from "../store/types";

export function validateInferenceService(obj: KubeObject, old: KubeObject | undefined): FieldCause[] {
  void obj;
  void old;
  return [];
}
