import { Card } from "@/components/ui/card";
import type { TAuditEventRow } from "@/lib/services/audit/list-audit-events";

function formatChange(event: TAuditEventRow): string {
  const parts: string[] = [];
  if (event.before !== null && event.before !== undefined) parts.push(`before ${JSON.stringify(event.before)}`);
  if (event.after !== null && event.after !== undefined) parts.push(`after ${JSON.stringify(event.after)}`);
  if (event.metadata !== null && event.metadata !== undefined) parts.push(JSON.stringify(event.metadata));
  return parts.join(" → ");
}

export function AuditTable({ events }: { events: TAuditEventRow[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">When</th>
            <th scope="col" className="px-4 py-2 font-medium">Actor</th>
            <th scope="col" className="px-4 py-2 font-medium">Action</th>
            <th scope="col" className="px-4 py-2 font-medium">Target</th>
            <th scope="col" className="px-4 py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <time dateTime={event.at.toISOString()}>{event.at.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
              </td>
              <td className="px-4 py-2">{event.actorEmail}</td>
              <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
              <td className="px-4 py-2">
                <span className="text-slate-500">{event.targetType}</span> {event.targetId}
              </td>
              <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-slate-600 dark:text-slate-400" title={formatChange(event)}>
                {formatChange(event)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
