import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { listDeployments } from "@/lib/services/deployments/list-deployments";
import { getActorById } from "@/lib/services/users/get-actor";
import { DEMO_DEPLOYMENTS, seedDemoDeployments } from "@/scripts/seed-deployments";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";

// The demo deployments go through the same services as the UI, and a second run adds nothing.

let sim: TSimProcess;
let viewer: TActor;

beforeAll(async () => {
  sim = await startSimProcess({ timeScale: 0.02 });
  process.env.KUBECONFIG = sim.kubeconfigPath;
  viewer = (await getActorById((await db.user.findUniqueOrThrow({ where: { email: "oncall@gantry.dev" } })).id))!;
});

afterAll(async () => {
  await sim?.stop();
});

describe("demo deployments", () => {
  it("launches about 8 across environments, one Pending for lack of H100s and one scaled to zero; idempotent", async () => {
    expect(await seedDemoDeployments(() => undefined)).toBe(DEMO_DEPLOYMENTS.length);
    expect(await seedDemoDeployments(() => undefined)).toBe(0);
    const seeded = new Set(DEMO_DEPLOYMENTS.map((d) => `${d.input.namespace}/${d.input.name}`));
    const deadline = Date.now() + 30_000;
    let phases: Record<string, string> = {};
    for (;;) {
      const view = await listDeployments(viewer);
      phases = Object.fromEntries(view.deployments.filter((d) => seeded.has(`${d.namespace}/${d.name}`)).map((d) => [d.name, d.phase.phase]));
      if ((phases["assistant-llm-tp8"] === "Pending" && phases["ticket-router"] === "Stopped" && phases["search-ranker"] === "Ready") || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(phases).toMatchObject({ "assistant-llm-tp8": "Pending", "ticket-router": "Stopped", "search-ranker": "Ready" });
    expect(new Set(DEMO_DEPLOYMENTS.map((d) => d.input.namespace.split("-").at(-1))).size).toBeGreaterThanOrEqual(3);
  });
});
