/** The portal users an admin sees on /admin/users (never password hashes). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { publishers, users } from "../db/schema";
import type { UserListItem } from "../../views/admin/users/user-row";

const listed = (db: Db) =>
  db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      publisherName: publishers.name,
      publisherStatus: publishers.status,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(publishers, eq(publishers.id, users.publisherId));

/** Every user, oldest first, with its publisher's name and status (publisher users). */
export async function listUsers(db: Db): Promise<UserListItem[]> {
  return listed(db).orderBy(asc(users.id));
}

/**
 * One user as listed.
 * @returns undefined when `id` does not exist
 */
export async function findListedUser(db: Db, id: number): Promise<UserListItem | undefined> {
  const [row] = await listed(db).where(eq(users.id, id));
  return row;
}
