import crypto from "node:crypto";
import { userRoles, users, type Role } from "#db/schema";
import { db } from "~/utils/db.server";
import { createSessionCookie } from "~/utils/auth.server";
import { canonicalEmail } from "~/utils/email-address";

export interface TestPerson {
  id: string;
  email: string;
  displayName: string;
  /** The Cookie header value of a signed-in session. */
  cookie: string;
}

// One real argon2id hash of "correct horse battery", made once per file: hashing is the slow part.
let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery";
async function testPasswordHash() {
  const { hashPassword } = await import("~/utils/auth.server");
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

/** Creates a confirmed account with the given roles and a signed-in session. */
export async function createPerson(
  options: { roles?: Role[]; name?: string; email?: string; verified?: boolean; locale?: "nl" | "en"; createdAt?: Date; emailPreference?: "immediate" | "digest" | "off" } = {},
): Promise<TestPerson> {
  const id = `u-${crypto.randomBytes(6).toString("hex")}`;
  const email = options.email ?? `${id}@example.org`;
  const displayName = options.name ?? `Test ${id.slice(2, 8)}`;
  db.insert(users)
    .values({
      id,
      email,
      emailCanonical: canonicalEmail(email),
      displayName,
      passwordHash: await testPasswordHash(),
      locale: options.locale ?? "nl",
      emailVerifiedAt: options.verified === false ? null : new Date(),
      emailPreference: options.emailPreference ?? "immediate",
      createdAt: options.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
    })
    .run();
  for (const role of options.roles ?? ["resident"]) db.insert(userRoles).values({ userId: id, role }).run();
  const setCookie = await createSessionCookie(id);
  return { id, email, displayName, cookie: setCookie.split(";")[0]! };
}

export const ROLE_SETS: Record<"visitor" | Role, Role[] | null> = {
  visitor: null,
  resident: ["resident"],
  clerk: ["clerk"],
  councillor: ["councillor"],
  admin: ["admin"],
};

/** Deletes a person's account as they would (password confirmed), then lets the erasure job finish. */
export async function deleteAndErase(person: Pick<TestPerson, "id">): Promise<void> {
  const { deleteAccount } = await import("~/modules/accounts/accounts.server");
  const { eraseDeletedAccounts } = await import("~/modules/accounts/accounts.privacy.server");
  const deleted = await deleteAccount(person.id, TEST_PASSWORD);
  if (!deleted.ok) throw new Error(deleted.reason);
  await eraseDeletedAccounts(new Date(), { budgetMs: Infinity });
}

/** What a download-my-data section becomes in the file (its lazy lists read), as plain JSON values. */
export async function asWritten(value: unknown): Promise<any> {
  const { jsonPieces } = await import("~/utils/stream.server");
  return JSON.parse([...jsonPieces(value)].join(""));
}
