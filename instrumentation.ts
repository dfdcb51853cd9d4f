// Runs once when the server starts: a bad environment stops it with a message naming each
// missing or invalid variable, rather than failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseServerEnv } = await import("@/lib/env");
  parseServerEnv(process.env);
}
