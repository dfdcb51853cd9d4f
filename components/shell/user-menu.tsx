"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, LogOut } from "lucide-react";
import { startTransition } from "react";
import { signOutAction } from "@/lib/actions/session-actions";
import { Badge } from "@/components/ui/badge";

export function UserMenu({ name, email, roleLabel, teams }: { name: string; email: string; roleLabel: string; teams: string[] }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
        aria-label={`Account: ${name}, ${roleLabel}`}
        data-testid="user-menu"
      >
        <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium" data-testid="current-user-name">{name}</span>
          <span className="block truncate text-xs text-slate-500" data-testid="current-user-role">{roleLabel}</span>
        </span>
        <ChevronDown aria-hidden className="size-4 text-slate-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="px-2 py-1.5">
            <p className="truncate text-sm font-medium">{email}</p>
            <div className="mt-1 flex flex-wrap gap-1">
              <Badge tone="info">{roleLabel}</Badge>
              {teams.map((team) => (
                <Badge key={team}>{team}</Badge>
              ))}
            </div>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          {/* A form inside the menu would unmount before submitting, so the item calls the action itself. */}
          <DropdownMenu.Item
            onSelect={() =>
              startTransition(async () => {
                await signOutAction();
                // A full page load, so no render of the next page can see the cleared cookie.
                // eslint-disable-next-line @next/next/no-location-assign-relative-destination
                window.location.assign("/signin");
              })
            }
            className="flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
          >
            <LogOut aria-hidden className="size-4" /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
