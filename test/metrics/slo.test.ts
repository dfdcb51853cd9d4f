import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listDeploymentSlos, setDeploymentSlo } from "@/lib/services/slos/set-deployment-slo";
import { getActorById } from "@/lib/services/users/get-actor";

// SLOs live in the registry: set by engineers and admins, audited, read by everyone.

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await getActorById(user.id))!;
}

/** A registry row for the deployment (SLOs belong to a deployment and its team; no cluster needed). */
async function ensureDeploymentRow(name: string, team: string): Promise<void> {
  const teamRow = await db.team.findUniqueOrThrow({ where: { slug: team } });
  const version = await db.modelVersion.findFirstOrThrow({ where: { model: { teamId: teamRow.id } } });
  await db.deployment.upsert({
    where: { namespace_name: { namespace: "slo-test", name } },
    create: { namespace: "slo-test", name, environment: "dev", teamId: teamRow.id, modelVersionId: version.id, state: "active" },
    update: {},
  });
}

describe("deployment SLOs", () => {
  beforeAll(async () => {
    await ensureDeploymentRow("refused", "search");
    await ensureDeploymentRow("scorer", "search");
  });

  it("are refused for the wrong role", async () => {
    const viewer = await actorFor("oncall@gantry.dev");
    const approver = await actorFor("approver@gantry.dev");
    for (const actor of [viewer, approver, null]) {
      await expect(setDeploymentSlo(actor, { namespace: "slo-test", name: "refused", p99LatencyMs: 100, errorRatePercent: 1 })).rejects.toBeInstanceOf(AppError);
    }
    expect(await db.deploymentSlo.count({ where: { namespace: "slo-test", name: "refused" } })).toBe(0);
  });

  it("are set only by the owning team (or an admin), for a deployment that exists", async () => {
    const otherTeam = await actorFor("fraud-engineer@gantry.dev");
    await expect(setDeploymentSlo(otherTeam, { namespace: "slo-test", name: "refused", p99LatencyMs: 100, errorRatePercent: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const engineer = await actorFor("engineer@gantry.dev");
    await expect(setDeploymentSlo(engineer, { namespace: "slo-test", name: "no-such-deployment", p99LatencyMs: 100, errorRatePercent: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.deploymentSlo.count({ where: { namespace: "slo-test", name: { in: ["refused", "no-such-deployment"] } } })).toBe(0);
  });

  it("are set and changed with an audit row each time", async () => {
    const engineer = await actorFor("engineer@gantry.dev");
    await setDeploymentSlo(engineer, { namespace: "slo-test", name: "scorer", p99LatencyMs: 250, errorRatePercent: 1 });
    const changed = await setDeploymentSlo(engineer, { namespace: "slo-test", name: "scorer", p99LatencyMs: "300", errorRatePercent: "0.5" });
    expect(changed).toEqual({ namespace: "slo-test", name: "scorer", p99LatencyMs: 300, errorRateRatio: 0.005 });
    const audits = await db.auditEvent.findMany({ where: { action: "deployment.slo.set", targetId: "slo-test/scorer" }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ actorEmail: "engineer@gantry.dev", before: { p99LatencyMs: 250, errorRateRatio: 0.01 }, after: { p99LatencyMs: 300, errorRateRatio: 0.005 } });
    const viewer = await actorFor("oncall@gantry.dev");
    expect(await listDeploymentSlos(viewer)).toContainEqual({ namespace: "slo-test", name: "scorer", p99LatencyMs: 300, errorRateRatio: 0.005 });
  });

  it("rejects impossible targets", async () => {
    const admin = await actorFor("admin@gantry.dev");
    await expect(setDeploymentSlo(admin, { namespace: "slo-test", name: "x", p99LatencyMs: 0, errorRatePercent: 1 })).rejects.toThrow();
    await expect(setDeploymentSlo(admin, { namespace: "slo-test", name: "x", p99LatencyMs: 10, errorRatePercent: 101 })).rejects.toThrow();
    await expect(setDeploymentSlo(admin, { namespace: "Bad_NS", name: "x", p99LatencyMs: 10, errorRatePercent: 1 })).rejects.toThrow();
  });
});
