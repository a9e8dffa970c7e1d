// Blocking a person: they can no longer take part, and their comments are hidden while it lasts.
// Topics they started are not: a published petition or discussion is a public record others
// signed, answered and acted on (docs/decisions: what a block hides).
import { and, desc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { comments, topics, userRoles, users, type Role } from "#db/schema";
import { formatDate } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { can, type Actor } from "~/utils/permissions";
import { withdrawCommentNotices } from "./comments.notices.server";
import { bumpCommentCount } from "./comments.rows.server";
import type { ModerationResult } from "./moderation.refusals";
import { blockRefusal, isBlockActive, isBlockExpired } from "./moderation.rules";
import { recordAction } from "./moderation.targets.server";

export function rolesOf(tx: DB | Tx, userId: string): Role[] {
  return tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role);
}

/** How many of these comments each thread (a topic, or a part of one) has. */
function perThread(rows: ReadonlyArray<{ topicId: number; partId: number | null }>): Array<[{ topicId: number; partId: number | null }, number]> {
  const counts = new Map<string, [{ topicId: number; partId: number | null }, number]>();
  for (const c of rows) {
    const key = `${c.topicId}:${c.partId ?? ""}`;
    const entry = counts.get(key) ?? [{ topicId: c.topicId, partId: c.partId }, 0];
    entry[1] += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/** Hides the comments of a blocked person, keeping each topic's comment_count in step. */
function hideContentOfBlocked(tx: Tx, userId: string, now: Date): void {
  const hidden = tx
    .update(comments)
    .set({ hiddenBy: "block", hiddenAt: now })
    .where(and(eq(comments.authorId, userId), isNull(comments.hiddenBy), isNull(comments.deletedAt)))
    .returning({ id: comments.id, topicId: comments.topicId, partId: comments.partId })
    .all();
  for (const [{ topicId, partId }, n] of perThread(hidden)) bumpCommentCount(tx, topicId, -n, partId);
  withdrawCommentNotices(tx, hidden.map((c) => c.id));
}

/**
 * Restores only what the block hid; what moderation or flags hid stays hidden. Topics are restored
 * too: blocks made before topics stayed public hid them (the migration that unhid those covers the
 * rest).
 */
function restoreContentOfUnblocked(tx: Tx, userId: string, now: Date): void {
  const restored = tx
    .update(comments)
    .set({ hiddenBy: null, hiddenAt: null })
    .where(and(eq(comments.authorId, userId), eq(comments.hiddenBy, "block")))
    .returning({ topicId: comments.topicId, partId: comments.partId })
    .all();
  for (const [{ topicId, partId }, n] of perThread(restored)) bumpCommentCount(tx, topicId, n, partId);
  tx.update(topics)
    .set({ hidden: false, hiddenReason: null, updatedAt: now })
    .where(and(eq(topics.authorId, userId), eq(topics.hidden, true), eq(topics.hiddenReason, "block")))
    .run();
}

/** What a block of this person would change, shown to the clerk before they confirm it. */
export interface BlockPreview {
  userId: string;
  name: string;
  /** Their visible comments, which the block hides, and on how many topics. */
  commentsHidden: number;
  commentTopics: number;
  /** Topics they started that others can read: they stay published. */
  topicsStaying: number;
  /** Topics they started that are not published (drafts, waiting for the clerk): they stay where they are, and the person cannot submit them while blocked. */
  topicsUnpublished: number;
}

/**
 * The preview step of a block: the same checks as the block itself, and what it would hide and
 * leave. Writes nothing. One person's own rows, read through the author indexes.
 */
export function previewBlock(actor: Actor, userId: string, until: Date | null, now = new Date()): ModerationResult<{ preview: BlockPreview }> {
  const person = db.select().from(users).where(eq(users.id, userId)).get();
  if (!person || person.deletedAt) return { ok: false, reason: "user-not-found" };
  const refusal = blockRefusal(actor.id, { id: person.id, roles: rolesOf(db, person.id), blockedAt: person.blockedAt, blockedUntil: person.blockedUntil }, until, now);
  if (refusal) return { ok: false, reason: refusal };
  const commentRows = db
    .select({ n: sql<number>`count(*)`, topics: sql<number>`count(distinct ${comments.topicId})` })
    .from(comments)
    .where(and(eq(comments.authorId, person.id), isNull(comments.hiddenBy), isNull(comments.deletedAt)))
    .get()!;
  const topicRows = db
    .select({ published: sql<number>`coalesce(sum(${topics.isPublic} = 1 AND ${topics.hidden} = 0), 0)`, unpublished: sql<number>`coalesce(sum(${topics.isPublic} = 0), 0)` })
    .from(topics)
    .where(eq(topics.authorId, person.id))
    .get()!;
  return {
    ok: true,
    preview: {
      userId: person.id,
      name: person.displayName,
      commentsHidden: commentRows.n,
      commentTopics: commentRows.topics,
      topicsStaying: topicRows.published,
      topicsUnpublished: topicRows.unpublished,
    },
  };
}

/**
 * A clerk blocks a person (not a clerk or admin), with a reason and an optional end date:
 * they can no longer take part, and their comments are hidden while the block lasts.
 */
export function blockUser(
  actor: Actor,
  input: { userId: string; reason: string; until?: Date | null },
  options: { now?: Date } = {},
): ModerationResult {
  const now = options.now ?? new Date();
  // Read and decided inside the write transaction: a double submit on two processes blocks once.
  return db.transaction((tx): ModerationResult => {
    const person = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!person || person.deletedAt) return { ok: false, reason: "user-not-found" };
    const until = input.until ?? null;
    const refusal = blockRefusal(actor.id, { id: person.id, roles: rolesOf(tx, person.id), blockedAt: person.blockedAt, blockedUntil: person.blockedUntil }, until, now);
    if (refusal) return { ok: false, reason: refusal };
    tx.update(users).set({ blockedAt: now, blockedUntil: until, blockedReason: input.reason }).where(eq(users.id, person.id)).run();
    hideContentOfBlocked(tx, person.id, now);
    recordAction(tx, { targetType: "user", targetId: person.id, action: "block", actorId: actor.id, reason: input.reason, now });
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.block",
      entityType: "user",
      entityId: person.id,
      before: { blockedAt: person.blockedAt, blockedUntil: person.blockedUntil, blockedReason: person.blockedReason },
      after: { blockedAt: now, blockedUntil: until, blockedReason: input.reason },
      reason: input.reason,
    });
    notify(tx, [person.id], {
      type: until ? "moderation.notice.blockedUntil" : "moderation.notice.blocked",
      data: { reason: input.reason, ...(until ? { until: formatDate(person.locale, until) } : {}) },
      link: "/inbox",
      eventKey: `block:${person.id}:${now.getTime()}`,
    });
    return { ok: true };
  });
}

/** Lifts a block (by a clerk, or by the job when the end date passed): restores what the block hid. */
export function unblockUser(
  actor: Actor | null,
  input: { userId: string; reason?: string | null },
  options: { now?: Date } = {},
): ModerationResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): ModerationResult => {
    const person = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!person) return { ok: false, reason: "user-not-found" };
    if (!person.blockedAt) return { ok: false, reason: "not-blocked" };
    tx.update(users).set({ blockedAt: null, blockedUntil: null, blockedReason: null }).where(eq(users.id, person.id)).run();
    restoreContentOfUnblocked(tx, person.id, now);
    recordAction(tx, { targetType: "user", targetId: person.id, action: "unblock", actorId: actor?.id ?? null, reason: input.reason ?? null, now });
    recordAudit(tx, {
      actorId: actor?.id ?? null,
      action: actor ? "user.unblock" : "user.block-expired",
      entityType: "user",
      entityId: person.id,
      before: { blockedAt: person.blockedAt, blockedUntil: person.blockedUntil, blockedReason: person.blockedReason },
      after: { blockedAt: null, blockedUntil: null, blockedReason: null },
      reason: input.reason ?? null,
    });
    if (!person.deletedAt) {
      notify(tx, [person.id], {
        type: "moderation.notice.unblocked",
        data: { reason: input.reason ?? "" },
        link: "/inbox",
        eventKey: `unblock:${person.id}:${now.getTime()}`,
      });
    }
    return { ok: true };
  });
}

/** The job: lifts every block whose end date has passed. Returns how many. */
export function endExpiredBlocks(now: Date = new Date()): number {
  const due = db
    .select({ id: users.id, blockedAt: users.blockedAt, blockedUntil: users.blockedUntil })
    .from(users)
    .where(and(isNotNull(users.blockedAt), isNotNull(users.blockedUntil), lte(users.blockedUntil, now)))
    .all()
    .filter((u) => isBlockExpired(u.blockedAt, u.blockedUntil, now));
  for (const person of due) unblockUser(null, { userId: person.id, reason: null }, { now });
  return due.length;
}

/** The people blocked now, for the blocks page. */
export function listBlockedPeople(now: Date = new Date()) {
  return db
    .select({ id: users.id, name: users.displayName, blockedAt: users.blockedAt, blockedUntil: users.blockedUntil, reason: users.blockedReason })
    .from(users)
    .where(isNotNull(users.blockedAt))
    .orderBy(desc(users.blockedAt))
    .all()
    .filter((u) => isBlockActive(u.blockedAt, u.blockedUntil, now) || isBlockExpired(u.blockedAt, u.blockedUntil, now))
    .map((u) => ({ ...u, blockedAt: u.blockedAt!.toISOString(), blockedUntil: u.blockedUntil?.toISOString() ?? null }));
}

/** A person a clerk is about to block, found by id or email address; with whether they may be blocked. */
export function findPersonToBlock(actor: Actor, query: { userId?: string; email?: string }) {
  const person = query.userId
    ? db.select().from(users).where(eq(users.id, query.userId)).get()
    : query.email
      ? db.select().from(users).where(eq(users.emailCanonical, canonicalEmail(query.email))).get()
      : undefined;
  if (!person || person.deletedAt) return null;
  const roles = rolesOf(db, person.id);
  return {
    id: person.id,
    name: person.displayName,
    blocked: isBlockActive(person.blockedAt, person.blockedUntil),
    mayBlock: can(actor, "user:block", { id: person.id, roles }),
  };
}
