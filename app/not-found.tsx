import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="max-w-md p-8 text-center">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
        <Button asChild className="mt-6">
          <Link href="/">Back to the overview</Link>
        </Button>
      </Card>
    </main>
  );
}
