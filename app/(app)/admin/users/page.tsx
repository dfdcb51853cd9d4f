import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/services/users/list-users";
import { UsersTableClient } from "./users-table-client";

export const metadata = { title: "Users & roles" };

export default async function AdminUsersPage() {
  const actor = await requirePageActor("admin.users.manage");
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader
        title="Users & roles"
        description="Who can do what. Users signing in with single sign-on get their role from their identity-provider groups at each sign-in; changes here are audited."
      />
      <UsersTableClient
        currentUserId={actor.id}
        users={users.map((user) => ({ ...user, lastSignInAt: user.lastSignInAt?.toISOString() ?? null }))}
      />
    </>
  );
}
