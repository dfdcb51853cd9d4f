"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormField, INPUT_CLASS } from "@/components/models/form-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-token-actions";
import type { TApiTokenRow } from "@/lib/services/api-tokens/list-api-tokens";

export function TokensClient({ tokens, teams }: { tokens: TApiTokenRow[]; teams: string[] }) {
  return (
    <div className="space-y-6">
      {teams.length ? <CreateTokenForm teams={teams} /> : null}
      <Card className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="tokens-table">
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Token</th>
              <th scope="col" className="px-4 py-2 font-medium">Team</th>
              <th scope="col" className="px-4 py-2 font-medium">Created</th>
              <th scope="col" className="px-4 py-2 font-medium">Last used</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-slate-500">
                  No tokens yet.
                </td>
              </tr>
            ) : (
              tokens.map((token) => <TokenRow key={token.id} token={token} />)
            )}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function CreateTokenForm({ teams }: { teams: string[] }) {
  const [team, setTeam] = useState(teams[0]!);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createApiTokenAction({ team, name });
      if (!result.ok) return setError(result.error.fieldErrors?.name?.[0] ?? result.error.message);
      setCreated({ name: result.data.name, secret: result.data.secret });
      setName("");
      setError(null);
      router.refresh();
    });
  };

  return (
    <Card className="p-6">
      <h2 className="mb-3 text-lg font-semibold">New token</h2>
      <form onSubmit={create} className="flex flex-wrap items-start gap-3" aria-label="New API token">
        <div className="w-64">
          <FormField id="token-name" label="Name" hint="What uses it, e.g. github-actions." error={error ?? undefined}>
            <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(error)} className={INPUT_CLASS} />
          </FormField>
        </div>
        <div className="w-40">
          <FormField id="token-team" label="Team">
            <select id="token-team" value={team} onChange={(e) => setTeam(e.target.value)} className={INPUT_CLASS}>
              {teams.map((slug) => (
                <option key={slug}>{slug}</option>
              ))}
            </select>
          </FormField>
        </div>
        <Button type="submit" className="mt-6 h-9" disabled={isPending || !name.trim()}>
          {isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {created ? (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-900/30">
          <p className="font-medium">Copy the secret of {created.name} now: it will not be shown again.</p>
          <code data-testid="new-token-secret" className="mt-2 block font-mono break-all select-all">
            {created.secret}
          </code>
        </div>
      ) : null}
    </Card>
  );
}

function TokenRow({ token }: { token: TApiTokenRow }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const revoke = () => {
    if (!window.confirm(`Revoke ${token.name}? Pipelines using it will get 401 at once.`)) return;
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId: token.id });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  };
  return (
    <tr data-testid={`token-row-${token.name}`}>
      <td className="px-4 py-2">
        <div className="font-medium">{token.name}</div>
        <div className="font-mono text-xs text-slate-500">{token.prefix}…</div>
      </td>
      <td className="px-4 py-2">{token.team}</td>
      <td className="px-4 py-2 text-slate-600 dark:text-slate-400">
        {token.createdAt.slice(0, 10)}
        <div className="text-xs">{token.createdBy ?? ""}</div>
      </td>
      <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{token.lastUsedAt ? token.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
      <td className="px-4 py-2">
        {token.revokedAt ? (
          <Badge>revoked {token.revokedAt.slice(0, 10)}</Badge>
        ) : (
          <span className="flex items-center gap-2">
            <Badge tone="success">active</Badge>
            {token.canRevoke ? (
              <Button size="sm" variant="secondary" onClick={revoke} disabled={isPending}>
                Revoke
              </Button>
            ) : null}
          </span>
        )}
        {error ? <p className="text-xs text-red-600">{error}</p> : null}
      </td>
    </tr>
  );
}
