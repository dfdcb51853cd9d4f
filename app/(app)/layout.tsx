import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageActor } from "@/lib/auth/session";

// The shell needs the signed-in user; each page still checks its own permission, because a
// layout is not re-run on every client navigation.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor("fleet.view");
  return <AppShell actor={actor}>{children}</AppShell>;
}
