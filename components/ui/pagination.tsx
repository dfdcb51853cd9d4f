import Link from "next/link";
import { Button } from "./button";

/** "N things · page X of Y" with links to the neighbouring pages; pages are URLs, so they can be shared. */
export function Pagination({
  total,
  noun,
  page,
  pageCount,
  hrefForPage,
  labels = { previous: "Previous", next: "Next" },
}: {
  total: number;
  noun: string;
  page: number;
  pageCount: number;
  hrefForPage: (page: number) => string;
  labels?: { previous: string; next: string };
}) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
      <span>
        {total} {noun}
        {total === 1 ? "" : "s"} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={hrefForPage(page - 1)}>{labels.previous}</Link>
          </Button>
        ) : null}
        {page < pageCount ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={hrefForPage(page + 1)}>{labels.next}</Link>
          </Button>
        ) : null}
      </span>
    </nav>
  );
}

/** The submit and "Clear" buttons of a GET filter form. */
export function FilterActions({ submitLabel, isFiltered, clearHref }: { submitLabel: string; isFiltered: boolean; clearHref: string }) {
  return (
    <>
      <Button type="submit" size="sm" className="h-9">
        {submitLabel}
      </Button>
      {isFiltered ? (
        <Button asChild variant="ghost" size="sm" className="h-9">
          <Link href={clearHref}>Clear</Link>
        </Button>
      ) : null}
    </>
  );
}
