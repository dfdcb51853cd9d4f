"use client";

import { Activity, Boxes, CheckCircle2, Cpu, KeyRound, LayoutDashboard, Rocket, ScrollText, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/models", label: "Models", icon: Boxes },
  { href: "/deployments", label: "Deployments", icon: Rocket },
  { href: "/gpu-pools", label: "GPU pools", icon: Cpu },
  { href: "/approvals", label: "Approvals", icon: CheckCircle2 },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings/tokens", label: "API tokens", icon: KeyRound },
] as const;

const ADMIN_ITEMS = [{ href: "/admin/users", label: "Users & roles", icon: Users }] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ showAdmin }: { showAdmin: boolean }) {
  const pathname = usePathname();
  const renderItem = ({ href, label, icon: Icon }: { href: string; label: string; icon: typeof Activity }) => (
    <li key={href}>
      <Link
        href={href}
        aria-current={isActive(pathname, href) ? "page" : undefined}
        className={cn(
          "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
          isActive(pathname, href)
            ? "bg-brand-50 text-brand-700 dark:bg-brand-700/25 dark:text-brand-100"
            : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
        )}
      >
        <Icon aria-hidden className="size-4" />
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">{NAV_ITEMS.map(renderItem)}</ul>
      {showAdmin ? (
        <>
          <p className="mt-6 mb-2 px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Admin</p>
          <ul className="space-y-1">{ADMIN_ITEMS.map(renderItem)}</ul>
        </>
      ) : null}
    </nav>
  );
}
