/**
 * Publisher self sign-up: a publisher and its first portal user in one transaction. The network
 * setting `publisher_auto_activate` decides whether the publisher is active at once or waits
 * (`pending`) for an admin; admins are told either way.
 */
import { hashPassword } from "../auth/sign-in";
import type { Db } from "../db/client";
import { publishers, users, type Publisher, type User } from "../db/schema";
import { pgErrorCode } from "../errors";
import { notifyAdmins } from "../notifications/notification-service";
import { publisherAutoActivate } from "../settings/network-settings";
import { checkEmail, checkText, FieldErrors, LIMITS, MESSAGES } from "../validation";

/** Shortest accepted password (characters). */
export const PASSWORD_MIN = 10;
/** Longest accepted password (characters); the sign-in form takes as much. */
export const PASSWORD_MAX = 1000;

/**
 * The sign-up rule for a name (the `name` field): 1..200 characters after trimming. Invite
 * sign-up (`publisher-invites.ts`) applies it to the user's name.
 * @returns the trimmed name, or undefined after recording a message for `name`
 */
export function checkSignUpName(errors: FieldErrors, value: string): string | undefined {
  return checkText(errors, "name", value, 1, LIMITS.nameMax);
}

/**
 * The sign-up rule for a password (the `password` field): `PASSWORD_MIN..PASSWORD_MAX`
 * characters, taken as typed (not trimmed).
 * @returns the password, or undefined after recording a message for `password`
 */
export function checkSignUpPassword(errors: FieldErrors, value: string): string | undefined {
  if (value.length < PASSWORD_MIN || value.length > PASSWORD_MAX) {
    errors.add("password", MESSAGES.text(PASSWORD_MIN, PASSWORD_MAX));
    return undefined;
  }
  return value;
}

export interface SignUpInput {
  /** The publisher's (and user's) name, 1..200 characters. */
  name: string;
  email: string;
  password: string;
}

/**
 * Register a publisher with one user (role `publisher`). The password is hashed before the
 * e-mail is tried, so a taken e-mail costs the same time as a free one.
 * @returns the new user and publisher (status `active` or `pending`, per the network setting),
 *   or null when a publisher or a user already has this e-mail (nothing is created; callers
 *   answer exactly as for a new account, so sign-up does not reveal accounts)
 * @throws ValidationError naming `name`, `email` or `password`
 * @throws PasswordHashingBusyError when the hashing queue is full
 */
export async function signUpPublisher(db: Db, input: SignUpInput): Promise<{ user: User; publisher: Publisher } | null> {
  const errors = new FieldErrors();
  const name = checkSignUpName(errors, input.name);
  const email = checkEmail(errors, "email", input.email);
  checkSignUpPassword(errors, input.password);
  errors.throwIfAny();

  const status = (await publisherAutoActivate(db)) ? "active" : "pending";
  const passwordHash = await hashPassword(input.password);
  let created: { user: User; publisher: Publisher };
  try {
    created = await db.transaction(async (tx) => {
      const [publisher] = await tx.insert(publishers).values({ name: name!, email: email!, status }).returning();
      const [user] = await tx
        .insert(users)
        .values({ name: name!, email: email!, role: "publisher", publisherId: publisher!.id, passwordHash })
        .returning();
      return { user: user!, publisher: publisher! };
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") return null;
    throw err;
  }
  await notifyAdmins(db, {
    kind: "publisher_signup",
    message:
      status === "active"
        ? `${created.publisher.name} signed up as a publisher.`
        : `${created.publisher.name} signed up and awaits activation.`,
    link: "/admin/publishers",
  });
  return created;
}
