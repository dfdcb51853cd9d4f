import { stringify } from "yaml";

export const CONTEXT_NAME = "gantry-sim";

/** A kubeconfig for a plain-HTTP server; client-node needs insecure-skip-tls-verify for http. */
export function renderKubeconfig(url: string, token: string): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: CONTEXT_NAME, cluster: { server: url, "insecure-skip-tls-verify": true } }],
    users: [{ name: `${CONTEXT_NAME}-admin`, user: { token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: `${CONTEXT_NAME}-admin`, namespace: "default" } }],
    "current-context": CONTEXT_NAME,
    preferences: {},
  });
}
