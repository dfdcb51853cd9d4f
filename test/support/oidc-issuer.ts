// A small OpenID Connect issuer for the sign-in tests: discovery, a login page listing test
// identities, authorization code flow with PKCE and nonce, RS256-signed ID tokens, JWKS and
// userinfo. Auth.js talks to it exactly as it would to a real identity provider.
//   npx tsx test/support/oidc-issuer.ts --port 3190 --client-id gantry --client-secret s3cret
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import { OIDC_TEST_IDENTITIES } from "./oidc-identities";


const { values } = parseArgs({
  options: { port: { type: "string", default: "3190" }, "client-id": { type: "string", default: "gantry" }, "client-secret": { type: "string", default: "s3cret" } },
});
const issuer = `http://127.0.0.1:${values.port}`;
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
const pendingCodes = new Map<string, { sub: string; nonce?: string; codeChallenge?: string; redirectUri: string }>();
const accessTokens = new Map<string, string>();

const b64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

function signIdToken(claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: jwk.kid }));
  const payload = b64url(JSON.stringify(claims));
  return `${header}.${payload}.${b64url(sign("sha256", Buffer.from(`${header}.${payload}`), privateKey))}`;
}

function send(response: http.ServerResponse, status: number, body: unknown, type = "application/json"): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", issuer);
  if (url.pathname === "/.well-known/openid-configuration") {
    return send(response, 200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: ["openid", "email", "profile"],
    });
  }
  if (url.pathname === "/jwks") return send(response, 200, { keys: [jwk] });
  if (url.pathname === "/authorize") {
    const params = url.searchParams;
    if (params.get("client_id") !== values["client-id"]) return send(response, 400, "unknown client", "text/plain");
    const chosen = params.get("login_as");
    if (!chosen) {
      // The login page: one button per identity, carrying the authorization request along.
      const buttons = OIDC_TEST_IDENTITIES.map((identity) => {
        const next = new URLSearchParams(params);
        next.set("login_as", identity.sub);
        return `<p><a href="/authorize?${next.toString()}">Log in as ${identity.name}</a></p>`;
      }).join("");
      return send(response, 200, `<!doctype html><title>Test IdP</title><h1>Test identity provider</h1>${buttons}`, "text/html");
    }
    const code = randomBytes(16).toString("hex");
    pendingCodes.set(code, {
      sub: chosen,
      nonce: params.get("nonce") ?? undefined,
      codeChallenge: params.get("code_challenge") ?? undefined,
      redirectUri: params.get("redirect_uri") ?? "",
    });
    const redirect = new URL(params.get("redirect_uri") ?? "");
    redirect.searchParams.set("code", code);
    if (params.get("state")) redirect.searchParams.set("state", params.get("state")!);
    redirect.searchParams.set("iss", issuer);
    response.writeHead(302, { location: redirect.toString() });
    return response.end();
  }
  if (url.pathname === "/token" && request.method === "POST") {
    const form = await readForm(request);
    const basic = request.headers.authorization?.startsWith("Basic ")
      ? Buffer.from(request.headers.authorization.slice(6), "base64").toString().split(":").map(decodeURIComponent)
      : [form.get("client_id"), form.get("client_secret")];
    if (basic[0] !== values["client-id"] || basic[1] !== values["client-secret"]) return send(response, 401, { error: "invalid_client" });
    const pending = pendingCodes.get(form.get("code") ?? "");
    pendingCodes.delete(form.get("code") ?? "");
    if (!pending || pending.redirectUri !== form.get("redirect_uri")) return send(response, 400, { error: "invalid_grant" });
    if (pending.codeChallenge) {
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== pending.codeChallenge) return send(response, 400, { error: "invalid_grant", error_description: "PKCE" });
    }
    const identity = OIDC_TEST_IDENTITIES.find((candidate) => candidate.sub === pending.sub);
    if (!identity) return send(response, 400, { error: "invalid_grant" });
    const now = Math.floor(Date.now() / 1000);
    const accessToken = randomBytes(16).toString("hex");
    accessTokens.set(accessToken, identity.sub);
    return send(response, 200, {
      token_type: "Bearer",
      access_token: accessToken,
      expires_in: 300,
      id_token: signIdToken({ iss: issuer, aud: values["client-id"], iat: now, exp: now + 300, ...identity, ...(pending.nonce ? { nonce: pending.nonce } : {}) }),
    });
  }
  if (url.pathname === "/userinfo") {
    const sub = accessTokens.get(request.headers.authorization?.replace(/^Bearer /, "") ?? "");
    const identity = OIDC_TEST_IDENTITIES.find((candidate) => candidate.sub === sub);
    return identity ? send(response, 200, identity) : send(response, 401, { error: "invalid_token" });
  }
  send(response, 404, { error: "not_found" });
});

server.listen(Number(values.port), "127.0.0.1", () => process.stdout.write(`oidc issuer ready on ${issuer}\n`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
