/** The publisher behind a signed-in publisher user. */
import type { AppDeps } from "../../app";
import type { Publisher, User } from "../../db/schema";
import { getPublisher } from "../../publishers/publisher-service";

/**
 * The id of the user's publisher: every publisher-portal query filters on it.
 * @throws Error when the user belongs to no publisher (a broken account: a 500, not a page)
 */
export function publisherIdOf(user: User): number {
  if (user.publisherId === null) throw new Error(`publisher user ${user.id} has no publisher`);
  return user.publisherId;
}

/**
 * The user's publisher row (its account status decides what the portal offers).
 * @throws as `publisherIdOf`
 */
export function currentPublisher(deps: AppDeps, user: User): Promise<Publisher> {
  return getPublisher(deps.database.db, publisherIdOf(user));
}
