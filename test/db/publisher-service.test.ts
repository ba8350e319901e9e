import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import { createPublisher, getPublisher, listPublishers, updatePublisher } from "../../src/publishers/publisher-service";
import { NotFoundError, ValidationError } from "../../src/errors";
import { openTestDatabase, resetDatabase } from "./fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => resetDatabase(database));

test("createPublisher lower-cases the e-mail and defaults to active", async () => {
  const row = await createPublisher(database.db, { name: "Ann", email: " Ann@Example.COM " });
  expect(row).toEqual({
    id: 1,
    name: "Ann",
    email: "ann@example.com",
    status: "active",
    createdAt: expect.any(Date),
    updatedAt: expect.any(Date),
  });
  expect(await listPublishers(database.db)).toEqual([row]);
});

test("a duplicate e-mail (any case) is a validation error on email", async () => {
  await createPublisher(database.db, { name: "Ann", email: "ann@example.com" });
  const err = await createPublisher(database.db, { name: "Ann 2", email: "ANN@example.com" }).catch((e) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.errors).toEqual({ email: "already exists" });
  const other = await createPublisher(database.db, { name: "Bob", email: "bob@example.com" });
  const err2 = await updatePublisher(database.db, other.id, { email: "ann@example.com" }).catch((e) => e);
  expect(err2.errors).toEqual({ email: "already exists" });
});

test("bad fields", async () => {
  const err = await createPublisher(database.db, { name: "", email: "nope", status: "banned" as never }).catch((e) => e);
  expect(err.errors).toEqual({
    name: "must be 1 to 200 characters",
    email: "must be an e-mail address",
    status: "must be one of active, pending, suspended",
  });
});

test("updatePublisher and unknown ids", async () => {
  const row = await createPublisher(database.db, { name: "Ann", email: "ann@example.com" });
  expect(await updatePublisher(database.db, row.id, { status: "suspended" })).toEqual({
    ...row,
    status: "suspended",
    updatedAt: expect.any(Date),
  });
  await expect(getPublisher(database.db, 9)).rejects.toBeInstanceOf(NotFoundError);
  await expect(updatePublisher(database.db, 9, { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
});
