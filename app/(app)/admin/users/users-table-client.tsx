"use client";

import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { updateUserRoleAction } from "@/lib/actions/user-actions";
import { ROLES, ROLE_LABELS, type TRole } from "@/lib/auth/permissions";

type TUser = { id: string; email: string; name: string; role: TRole; teams: string[]; lastSignInAt: string | null };

export function UsersTableClient({ users, currentUserId }: { users: TUser[]; currentUserId: string }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="users-table">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">User</th>
            <th scope="col" className="px-4 py-2 font-medium">Teams</th>
            <th scope="col" className="px-4 py-2 font-medium">Last sign-in</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function UserRow({ user, isSelf }: { user: TUser; isSelf: boolean }) {
  const [role, setRole] = useState<TRole>(user.role);
  const [savedRole, setSavedRole] = useState<TRole>(user.role);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      const result = await updateUserRoleAction({ userId: user.id, role });
      if (result.ok) {
        setSavedRole(role);
        setMessage({ tone: "ok", text: "Saved" });
      } else {
        setMessage({ tone: "error", text: result.error.fieldErrors?.role?.[0] ?? result.error.message });
      }
    });

  return (
    <tr data-testid={`user-row-${user.email}`}>
      <td className="px-4 py-2">
        <div className="font-medium">
          {user.name} {isSelf ? <Badge tone="info">you</Badge> : null}
        </div>
        <div className="text-xs text-slate-500">{user.email}</div>
      </td>
      <td className="px-4 py-2">
        <div className="flex flex-wrap gap-1">
          {user.teams.length ? user.teams.map((team) => <Badge key={team}>{team}</Badge>) : <span className="text-slate-400">none</span>}
        </div>
      </td>
      <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{user.lastSignInAt ? user.lastSignInAt.slice(0, 16).replace("T", " ") : "never"}</td>
      <td className="px-4 py-2">
        <div className="flex items-center gap-2">
          <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
          <select
            id={`role-${user.id}`}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as TRole);
              setMessage(null);
            }}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
          <Button size="sm" variant="secondary" onClick={save} disabled={isPending || role === savedRole}>
            {isPending ? "Saving…" : "Save"}
          </Button>
          {message ? (
            <span role="status" className={message.tone === "error" ? "text-sm text-red-600" : "text-sm text-emerald-600"}>
              {message.text}
            </span>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
