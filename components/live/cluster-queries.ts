// Query keys of everything read from the cluster start with ["cluster", clusterKey], so one
// server-sent event about a cluster refreshes exactly its queries.
export function clusterQueryKey(clusterKey: string) {
  return ["cluster", clusterKey] as const;
}

/** GET a JSON API route; throws with the server's reason on an error status. */
export async function fetchApiJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `${path} answered ${response.status}`);
  return body as T;
}
