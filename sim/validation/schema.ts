import type { FieldCause } from "../store/types";
import { QUANTITY_PATTERN } from "../scheduler/quantity";

/**
 * A small structural-schema language (the parts of OpenAPI v3 that CRD validation uses:
 * types, required, enum, int-or-string, patterns, items, maps) and its validator, which
 * reports failures the way kube-apiserver words them.
 */
export interface Schema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  enum?: string[];
  intOrString?: boolean;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
}

export const str: Schema = { type: "string" };
export const int: Schema = { type: "integer" };
export const bool: Schema = { type: "boolean" };
export const num: Schema = { type: "number" };
export const anyObject: Schema = { type: "object" };
export const intOrString: Schema = { intOrString: true };
export const quantity: Schema = { intOrString: true, pattern: QUANTITY_PATTERN };
export const obj = (properties: Record<string, Schema>, required?: string[]): Schema => ({ type: "object", properties, ...(required ? { required } : {}) });
export const arrOf = (items: Schema): Schema => ({ type: "array", items });
export const mapOf = (value: Schema): Schema => ({ type: "object", additionalProperties: value });
export const oneOf = (values: string[]): Schema => ({ type: "string", enum: values });

const typeName = (v: unknown): string => {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
};

export function validate(value: unknown, schema: Schema, path: string, causes: FieldCause[]): void {
  if (schema.intOrString) {
    const t = typeName(value);
    if (t !== "integer" && t !== "string") {
      causes.push({ field: path, message: `Invalid value: "${t}": ${path} in body must be of type integer,string: "${t}"`, reason: "FieldValueTypeInvalid" });
      return;
    }
    if (typeof value === "string" && schema.pattern && !schema.pattern.test(value)) {
      causes.push({ field: path, message: `Invalid value: "${value}": ${path} in body should match '${schema.pattern.source}'` });
    }
    return;
  }
  if (schema.type) {
    const t = typeName(value);
    const ok = schema.type === "number" ? t === "number" || t === "integer" : t === schema.type;
    if (!ok) {
      causes.push({ field: path, message: `Invalid value: "${t}": ${path} in body must be of type ${schema.type}: "${t}"`, reason: "FieldValueTypeInvalid" });
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value as string)) {
    causes.push({ field: path, message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((e) => `"${e}"`).join(", ")}`, reason: "FieldValueNotSupported" });
  }
  if (typeof value === "string" && schema.pattern && !schema.pattern.test(value)) {
    causes.push({ field: path, message: `Invalid value: "${value}": ${path} in body should match '${schema.pattern.source}'` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) causes.push({ field: path, message: `Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) causes.push({ field: path, message: `Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.maximum}` });
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => validate(item, schema.items as Schema, `${path}[${i}]`, causes));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const rec = value as Record<string, unknown>;
    for (const req of schema.required ?? []) {
      if (!(req in rec)) causes.push({ field: `${path}.${req}`, message: "Required value", reason: "FieldValueRequired" });
    }
    for (const [k, v] of Object.entries(rec)) {
      const sub = schema.properties?.[k] ?? schema.additionalProperties;
      // Unknown fields are not an error here (the API server prunes them).
      if (sub) validate(v, sub, `${path}.${k}`, causes);
    }
  }
}
