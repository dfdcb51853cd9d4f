import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "./build-openapi-document";

// Public, like any API description: it holds no data. proxy.ts lets it through without a session.
export const dynamic = "force-static";

export function GET(): Response {
  return NextResponse.json(buildOpenApiDocument());
}
