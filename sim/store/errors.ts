import type { FieldCause, ResourceType } from "./types";
import { qualifiedResource } from "./types";

/** An error that the API server renders as a Kubernetes `Status` object. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: FieldCause[] },
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    const details = this.details
      ? {
          ...(this.details.name !== undefined ? { name: this.details.name } : {}),
          ...(this.details.group ? { group: this.details.group } : {}),
          ...(this.details.kind ? { kind: this.details.kind } : {}),
          ...(this.details.causes?.length
            ? {
                causes: this.details.causes.map((c) => ({
                  reason: c.reason ?? "FieldValueInvalid",
                  message: c.message,
                  field: c.field,
                })),
              }
            : {}),
        }
      : undefined;
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(details ? { details } : {}),
      code: this.code,
    };
  }
}

export const notFound = (rt: Pick<ResourceType, "group" | "plural">, name: string): ApiError =>
  new ApiError(404, "NotFound", `${qualifiedResource(rt)} "${name}" not found`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });

export const alreadyExists = (rt: Pick<ResourceType, "group" | "plural">, name: string): ApiError =>
  new ApiError(409, "AlreadyExists", `${qualifiedResource(rt)} "${name}" already exists`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });

export const conflict = (rt: Pick<ResourceType, "group" | "plural">, name: string): ApiError =>
  new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: rt.group, kind: rt.plural },
  );

export const invalid = (
  rt: Pick<ResourceType, "group" | "kind">,
  name: string,
  causes: FieldCause[],
): ApiError =>
  new ApiError(
    422,
    "Invalid",
    `${rt.kind}${rt.group ? "." + rt.group : ""} "${name}" is invalid: ${causes
      .map((c) => `${c.field}: ${c.message}`)
      .join(", ")}`,
    { name, group: rt.group, kind: rt.kind, causes },
  );

export const badRequest = (message: string): ApiError => new ApiError(400, "BadRequest", message);

export const gone = (message: string): ApiError => new ApiError(410, "Expired", message);
