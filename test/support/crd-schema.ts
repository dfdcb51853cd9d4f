// Validators built from the real upstream CRD schemas in ../shared/reference (never copied
// into this repository). Kubernetes prunes fields a structural schema does not declare, so
// these validators reject them instead: a manifest must say nothing the cluster would drop.
import { Ajv, type ValidateFunction } from "ajv";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const REFERENCE_DIR = path.resolve(import.meta.dirname, "../../../shared/reference");
export const hasReference = existsSync(REFERENCE_DIR);

type TSchema = Record<string, unknown>;

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== "object") return schema;
  const copy: TSchema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = closeObjects(value);
  if (copy.properties && copy["x-kubernetes-preserve-unknown-fields"] !== true && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

export function crdValidator(relativeFile: string, version: string): ValidateFunction {
  const crd = parse(readFileSync(path.join(REFERENCE_DIR, relativeFile), "utf8")) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: TSchema } }[] };
  };
  const schema = crd.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema;
  if (!schema) throw new Error(`${relativeFile} has no version ${version}`);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const keyword of ["x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations", "x-kubernetes-embedded-resource"]) {
    ajv.addKeyword(keyword);
  }
  // metadata is validated by the API server itself, not by the CRD schema.
  const closed = closeObjects(schema) as TSchema;
  const properties = { ...(closed.properties as TSchema), metadata: { type: "object" } };
  return ajv.compile({ ...closed, properties });
}
