import { z } from "zod";
import { ZModelVersionContent, ZModelVersionView, ZModelView, ZRegisterModelInput } from "@/lib/domain/models/model-fields";
import { ZListModelsInput } from "@/lib/services/models/list-models";

// The OpenAPI document of /api/v1, generated from the zod schemas the handlers validate with,
// so the description cannot drift from the behaviour.

type TJsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): TJsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as TJsonSchema;
  return rest;
}
const inputSchema = (schema: z.ZodType) => toSchema(schema, "input");
const outputSchema = (schema: z.ZodType) => toSchema(schema, "output");
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: TJsonSchema, description: string) => ({ description, content: { "application/json": { schema } } });

const ERROR_RESPONSES = {
  "400": { $ref: "#/components/responses/BadRequest" },
  "401": { $ref: "#/components/responses/Unauthenticated" },
  "403": { $ref: "#/components/responses/Forbidden" },
  "404": { $ref: "#/components/responses/NotFound" },
};

const nameParameter = { name: "name", in: "path", required: true, schema: { type: "string" }, description: "Model name (DNS-1123 label)" };

function queryParameters(schema: z.ZodObject): unknown[] {
  const properties = (inputSchema(schema).properties ?? {}) as Record<string, TJsonSchema>;
  return Object.entries(properties).map(([name, property]) => ({ name, in: "query", required: false, schema: property }));
}

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Gantry model registry API",
      version: "1",
      description:
        "Register models and immutable model versions from CI. Authenticate with a team API token (Settings → API tokens): `Authorization: Bearer gtry_…`. GET endpoints also accept a browser session.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/models": {
        get: {
          summary: "List models (search, filters, sort, pages)",
          parameters: queryParameters(ZListModelsInput),
          responses: { "200": json({ type: "object" }, "A page of models with total and pageCount"), ...ERROR_RESPONSES },
        },
        post: {
          summary: "Register a model",
          description: "`team` may be left out with a team API token (its team is used). Re-sending the same model is idempotent.",
          requestBody: { required: true, content: { "application/json": { schema: ref("RegisterModelInput") } } },
          responses: {
            "200": json({ type: "object", properties: { model: ref("Model") } }, "Already registered with identical details"),
            "201": json({ type: "object", properties: { model: ref("Model") } }, "Registered"),
            "409": { $ref: "#/components/responses/Conflict" },
            "422": { $ref: "#/components/responses/Unprocessable" },
            ...ERROR_RESPONSES,
          },
        },
      },
      "/models/{name}": {
        get: {
          summary: "A model with its aliases and versions",
          parameters: [nameParameter],
          responses: { "200": json({ type: "object", properties: { model: ref("Model"), versions: { type: "array", items: ref("ModelVersion") } } }, "The model"), ...ERROR_RESPONSES },
        },
      },
      "/models/{name}/versions": {
        get: {
          summary: "Versions of a model, newest first",
          parameters: [nameParameter],
          responses: { "200": json({ type: "object", properties: { versions: { type: "array", items: ref("ModelVersion") } } }, "The versions"), ...ERROR_RESPONSES },
        },
        post: {
          summary: "Register a model version",
          description:
            "Versions are immutable. Re-registering a version number with identical content returns it (200); with different content it is refused (409, naming the fields). When gpuMemoryBytes is left out it is estimated from size and framework (gpuMemoryEstimated: true).",
          parameters: [nameParameter],
          requestBody: { required: true, content: { "application/json": { schema: ref("ModelVersionInput") } } },
          responses: {
            "200": json({ type: "object", properties: { version: ref("ModelVersion") } }, "Already registered with identical content"),
            "201": json({ type: "object", properties: { version: ref("ModelVersion") } }, "Registered"),
            "409": { $ref: "#/components/responses/Conflict" },
            "422": { $ref: "#/components/responses/Unprocessable" },
            ...ERROR_RESPONSES,
          },
        },
      },
      "/models/{name}/versions/{version}": {
        get: {
          summary: "One version",
          parameters: [nameParameter, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: { "200": json({ type: "object", properties: { version: ref("ModelVersion") } }, "The version"), ...ERROR_RESPONSES },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A team API token, gtry_…" } },
      schemas: {
        RegisterModelInput: inputSchema(ZRegisterModelInput),
        ModelVersionInput: inputSchema(ZModelVersionContent),
        Model: outputSchema(ZModelView),
        ModelVersion: outputSchema(ZModelVersionView),
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "UNAVAILABLE", "INTERNAL"] },
                message: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
              },
            },
          },
        },
      },
      responses: {
        BadRequest: json(ref("Error"), "The body is not valid JSON"),
        Unauthenticated: json(ref("Error"), "No token, or an invalid or revoked one"),
        Forbidden: json(ref("Error"), "The token's team does not own this model, or the role may not do this"),
        NotFound: json(ref("Error"), "No such model or version"),
        Conflict: json(ref("Error"), "Same version number (or model name) with different content; fieldErrors names the fields"),
        Unprocessable: json(ref("Error"), "Invalid fields; fieldErrors gives a reason per field"),
      },
    },
  };
}
