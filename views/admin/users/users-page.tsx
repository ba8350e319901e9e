/** The admin's list of portal users (admins and publishers) with "Password reset link" in place. */
import { Html } from "@elysiajs/html";
import { DataTable } from "../../components/data-table";
import { Page, type Viewer } from "../../layouts/page";
import { UserRow, type UserListItem } from "./user-row";

export interface UsersPageProps {
  viewer: Viewer;
  users: UserListItem[];
  /** A reset link just made (without JavaScript the whole page answers), shown in its row. */
  reset?: { userId: number; link: string; expiresAt: Date };
}

export function UsersPage({ viewer, users, reset }: UsersPageProps) {
  return (
    <Page title="Users" viewer={viewer}>
      <h1>Users</h1>
      <p class="muted">
        Everyone who signs in to a portal. A password reset link lets a user who forgot their password choose a new
        one; there is no e-mail, so hand the link over yourself.
      </p>
      <DataTable headers={["Name", "Email", "Role", "Publisher", "Created", "Actions"]} empty="No users yet.">
        {users.map((user) => (
          <UserRow user={user} csrfToken={viewer.csrfToken} resetLink={reset?.userId === user.id ? reset : undefined} />
        ))}
      </DataTable>
    </Page>
  );
}
