import { createHash, randomBytes } from "node:crypto";

// Team API tokens: 32 random bytes behind a recognisable prefix (so secret scanners and people
// can tell what leaked). Only the sha256 is stored: a high-entropy secret needs no slow hash.

export const API_TOKEN_PREFIX = "gtry_";
const DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 8;

export function generateApiTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, DISPLAY_LENGTH), hash: hashApiTokenSecret(secret) };
}

export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
