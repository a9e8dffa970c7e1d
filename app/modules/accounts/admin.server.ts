import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { emailOutbox, settings as settingsTable, userRoles, users, type Role } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage, type KeyOrder } from "~/utils/keyset.server";
import { getSettings, invalidateSettings, updateSettings } from "~/modules/settings/settings.server";
import { settingKeys, type Settings } from "~/modules/settings/settings.schema";
import { applyRoleChange, roleChangeRefusal, type RoleChange, type RoleChangeRefusal } from "./roles.rules";

// Administration: users and roles, settings, the outbox.

/** `%` and `_` typed in a search are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const USERS_ORDER: KeyOrder = { columns: [users.createdAt, users.id], descending: true };
/** The count above the list stops here ("more than 1,000"): a search has to read every account to count. */
export const USERS_COUNT_CAP = 1000;

/**
 * One page of the accounts, newest first, from the cursor on (users_deleted_created_idx). A
 * search reads accounts in that order until the page is full, not the whole table.
 */
export function listUsers(options: { query?: string; cursor: PageCursor | null; pageSize: number }) {
  const query = options.query?.trim().toLowerCase();
  const pattern = query ? likePattern(query) : null;
  const where = and(
    isNull(users.deletedAt),
    pattern
      ? or(
          sql`lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'`,
          sql`lower(${users.email}) LIKE ${pattern} ESCAPE '\\'`,
          sql`${users.emailCanonical} LIKE ${pattern} ESCAPE '\\'`,
        )
      : undefined,
  );
  const counted = db.select({ n: sql<number>`count(*)` }).from(db.select({ one: sql`1` }).from(users).where(where).limit(USERS_COUNT_CAP + 1).as("capped")).get()?.n ?? 0;
  const fetched = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      blockedAt: users.blockedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(where, keysetCondition(USERS_ORDER, options.cursor)))
    .orderBy(...keysetOrderBy(USERS_ORDER, options.cursor))
    .limit(options.pageSize + 1)
    .all();
  const page = keysetPage(fetched, options.pageSize, options.cursor, (r) => [r.createdAt.getTime(), r.id]);
  const roleRows = page.rows.length
    ? db.select().from(userRoles).where(inArray(userRoles.userId, page.rows.map((r) => r.id))).all()
    : [];
  return {
    total: Math.min(counted, USERS_COUNT_CAP),
    more: counted > USERS_COUNT_CAP,
    next: page.next,
    prev: page.prev,
    users: page.rows.map((row) => ({
      ...row,
      roles: roleRows.filter((r) => r.userId === row.id).map((r) => r.role).sort(),
    })),
  };
}

export type RoleChangeResult =
  | { ok: true; changed: boolean; name: string }
  | { ok: false; reason: RoleChangeRefusal | "unknown-user" };

/** Assigns or revokes one role, audited with the roles before and after. */
export function changeRole(actorId: string, targetId: string, role: Role, kind: RoleChange): RoleChangeResult {
  const refusal = roleChangeRefusal({ actorId, targetId, role, kind });
  if (refusal) return { ok: false, reason: refusal };
  return db.transaction((tx) => {
    const target = tx.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.id, targetId), isNull(users.deletedAt))).get();
    if (!target) return { ok: false as const, reason: "unknown-user" as const };
    const before = tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, targetId)).all().map((r) => r.role).sort();
    const changed =
      kind === "assign"
        ? tx.insert(userRoles).values({ userId: targetId, role }).onConflictDoNothing().run().changes > 0
        : tx.delete(userRoles).where(and(eq(userRoles.userId, targetId), eq(userRoles.role, role))).run().changes > 0;
    if (changed) {
      recordAudit(tx, {
        actorId,
        action: kind === "assign" ? "role.assign" : "role.revoke",
        entityType: "user",
        entityId: targetId,
        before: { roles: before },
        after: { roles: applyRoleChange(before, role, kind) },
      });
    }
    return { ok: true as const, changed, name: target.name };
  });
}

/**
 * Saves the settings form. A key set to undefined (e.g. defaultLocale "use DEFAULT_LOCALE") has its
 * row removed, since the settings table holds no empty values; everything else goes through
 * updateSettings, which audits each changed key. One transaction.
 */
export function saveSettings(actorId: string, values: Partial<Settings>): void {
  const current = getSettings();
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Settings>;
  const cleared = settingKeys().filter((key) => key in values && values[key] === undefined && current[key] !== undefined);
  db.transaction((tx) => {
    updateSettings(actorId, defined, tx);
    for (const key of cleared) {
      tx.delete(settingsTable).where(eq(settingsTable.key, key)).run();
      recordAudit(tx, { actorId, action: "settings.update", entityType: "setting", entityId: key, before: current[key], after: null });
    }
  });
  invalidateSettings();
}

/** The outbox pages by message id, newest first (the rowid: no index to keep). */
export const OUTBOX_KEY_TYPES = ["number"] as const;
const OUTBOX_ORDER: KeyOrder = { columns: [emailOutbox.id], descending: true };

/** One page of the outbox from a cursor on: reads the page and one more row, never counts the table. */
export function listOutbox(options: { cursor: PageCursor | null; pageSize: number }) {
  const rows = db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(keysetCondition(OUTBOX_ORDER, options.cursor))
    .orderBy(...keysetOrderBy(OUTBOX_ORDER, options.cursor))
    .limit(options.pageSize + 1)
    .all();
  const page = keysetPage(rows, options.pageSize, options.cursor, (row) => [row.id]);
  return { messages: page.rows, next: page.next, prev: page.prev };
}

/**
 * The links in a mail that act for its recipient (confirm the address, set a new password, confirm
 * or manage a signature, unsubscribe), masked: an admin reading delivered mail must not be able to
 * use them. A token in a path is any segment as long as one (ids and slugs are far shorter).
 */
export function maskActionLinks(text: string): string {
  return text.replace(/([?&]token=)[^&\s"'<>]+/g, "$1…").replace(/\/[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, "/…");
}

export function findOutboxMessage(id: number) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id))
    .get();
}
