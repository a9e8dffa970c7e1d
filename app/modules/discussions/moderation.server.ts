// Moderation: flags, the clerks' queue and decisions, blocks, the audit log page and public statistics.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import {
  auditLog,
  comments,
  flags,
  moderationActions,
  topics,
  userRoles,
  users,
  type FlagReason,
  type FlagTarget,
  type HiddenBy,
  type ModerationActionType,
  type Role,
} from "#db/schema";
import { formatDate, type MessageKey } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { getSetting } from "~/modules/settings/settings.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { can, type Actor } from "~/utils/permissions";
import { bumpCommentCount, withdrawCommentNotices } from "./comments.server";
import { closeDiscussionTx, concludedWith } from "./discussions.server";
import {
  alreadyDecided,
  AUDIT_PAGE_SIZE,
  availableDecisions,
  blockRefusal,
  decisionRefusal,
  isBlockActive,
  isBlockExpired,
  median,
  monthKey,
  QUEUE_PAGE_SIZE,
  shouldAutoHide,
  type BlockRefusal,
  type Decision,
} from "./moderation.rules";

export type ModerationRefusal =
  | BlockRefusal
  | "target-not-found"
  | "user-not-found"
  | "own-content"
  | "already-hidden"
  | "blocked"
  | "decision-not-available"
  | "not-a-discussion"
  | "email-unverified";

export type ModerationResult<T = object> = ({ ok: true } & T) | { ok: false; reason: ModerationRefusal };

export const MODERATION_REFUSAL_MESSAGES: Record<ModerationRefusal, MessageKey> = {
  "target-not-found": "moderation.error.targetNotFound",
  "user-not-found": "moderation.error.userNotFound",
  "own-content": "moderation.error.ownContent",
  "already-hidden": "moderation.error.alreadyHidden",
  blocked: "comment.error.blocked",
  "decision-not-available": "moderation.error.decisionNotAvailable",
  "not-a-discussion": "moderation.error.decisionNotAvailable",
  "email-unverified": "comment.verifyToTakePart",
  "protected-role": "moderation.error.protectedRole",
  self: "moderation.error.blockSelf",
  "already-blocked": "moderation.error.alreadyBlocked",
  "not-blocked": "moderation.error.notBlocked",
  "end-in-past": "moderation.error.endInPast",
};

type TopicRow = typeof topics.$inferSelect;
type CommentRow = typeof comments.$inferSelect;

/** A flaggable thing with the facts decisions need. */
interface Target {
  type: FlagTarget;
  id: number;
  topic: TopicRow;
  comment: CommentRow | null;
  authorId: string | null;
  hiddenBy: HiddenBy | null;
  openFlags: number;
}

function loadTarget(tx: DB | Tx, type: FlagTarget, id: number): Target | null {
  if (type === "topic") {
    const topic = tx.select().from(topics).where(eq(topics.id, id)).get();
    if (!topic) return null;
    const hiddenBy = topic.hidden ? ((topic.hiddenReason as HiddenBy | null) ?? "moderation") : null;
    return { type, id, topic, comment: null, authorId: topic.authorId, hiddenBy, openFlags: topic.flagCount };
  }
  const comment = tx.select().from(comments).where(eq(comments.id, id)).get();
  if (!comment || comment.deletedAt) return null;
  const topic = tx.select().from(topics).where(eq(topics.id, comment.topicId)).get();
  if (!topic) return null;
  return { type, id, topic, comment, authorId: comment.authorId, hiddenBy: comment.hiddenBy, openFlags: comment.flagCount };
}

const targetLink = (t: Target) => (t.comment ? `${topicPath(t.topic)}#comment-${t.comment.id}` : topicPath(t.topic));

/**
 * Hides a thing for a reason (or gives a hidden thing the new reason). comment_count and the
 * notices about a comment change only when the row went from visible to hidden, so a repeat
 * cannot count twice. Returns whether it was visible until now.
 */
function hideTarget(tx: Tx, t: Target, by: HiddenBy, now: Date): boolean {
  if (t.comment) {
    const fresh =
      tx
        .update(comments)
        .set({ hiddenBy: by, hiddenAt: now })
        .where(and(eq(comments.id, t.comment.id), isNull(comments.hiddenBy)))
        .run().changes === 1;
    if (fresh) {
      bumpCommentCount(tx, t.topic.id, -1);
      withdrawCommentNotices(tx, [t.comment.id]);
    } else {
      tx.update(comments).set({ hiddenBy: by, hiddenAt: now }).where(eq(comments.id, t.comment.id)).run();
    }
    return fresh;
  }
  const fresh =
    tx
      .update(topics)
      .set({ hidden: true, hiddenReason: by, updatedAt: now })
      .where(and(eq(topics.id, t.topic.id), eq(topics.hidden, false)))
      .run().changes === 1;
  if (!fresh) tx.update(topics).set({ hiddenReason: by, updatedAt: now }).where(eq(topics.id, t.topic.id)).run();
  return fresh;
}

/** Shows a hidden thing again; comment_count moves only when a row went from hidden to visible. */
function restoreTarget(tx: Tx, t: Target, now: Date): void {
  if (t.comment) {
    const restored = tx
      .update(comments)
      .set({ hiddenBy: null, hiddenAt: null })
      .where(and(eq(comments.id, t.comment.id), isNotNull(comments.hiddenBy)))
      .run();
    if (restored.changes === 1) bumpCommentCount(tx, t.topic.id, 1);
  } else {
    tx.update(topics)
      .set({ hidden: false, hiddenReason: null, updatedAt: now })
      .where(and(eq(topics.id, t.topic.id), eq(topics.hidden, true)))
      .run();
  }
}

function firstOpenFlagAt(tx: DB | Tx, type: FlagTarget, id: number): Date | null {
  const row = tx
    .select({ first: sql<number | null>`min(${flags.createdAt})` })
    .from(flags)
    .where(and(eq(flags.targetType, type), eq(flags.targetId, id), isNull(flags.resolvedAt)))
    .get();
  return row?.first ? new Date(row.first) : null;
}

function resolveFlags(tx: Tx, t: Target, resolution: "hidden" | "restored" | "dismissed", now: Date): void {
  tx.update(flags)
    .set({ resolvedAt: now, resolution })
    .where(and(eq(flags.targetType, t.type), eq(flags.targetId, t.id), isNull(flags.resolvedAt)))
    .run();
  if (t.comment) tx.update(comments).set({ flagCount: 0 }).where(eq(comments.id, t.comment.id)).run();
  else tx.update(topics).set({ flagCount: 0 }).where(eq(topics.id, t.topic.id)).run();
}

function recordAction(
  tx: Tx,
  entry: { targetType: FlagTarget | "user"; targetId: string | number; topicId?: number | null; action: ModerationActionType; actorId: string | null; reason?: string | null; flaggedAt?: Date | null; now: Date },
): void {
  tx.insert(moderationActions)
    .values({
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      topicId: entry.topicId ?? null,
      action: entry.action,
      actorId: entry.actorId,
      reason: entry.reason ?? null,
      flaggedAt: entry.flaggedAt ?? null,
      createdAt: entry.now,
    })
    .run();
}

const snapshot = (t: Target) =>
  t.comment
    ? { hidden: Boolean(t.comment.hiddenBy), hiddenBy: t.comment.hiddenBy, openFlags: t.openFlags }
    : { hidden: t.topic.hidden, hiddenBy: t.topic.hiddenReason, locked: t.topic.locked, status: t.topic.status, openFlags: t.openFlags };

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

export interface FlagInput {
  targetType: FlagTarget;
  targetId: number;
  /** When given, the thing must belong to this topic (a comment posted through a topic's thread). */
  topicId?: number;
  reason: FlagReason;
  note?: string | null;
}

/**
 * Anyone signed in with a confirmed address reports a topic or comment. One person's repeats
 * count once (unique index). When flagHideThreshold different people have flagged a comment, it
 * is hidden until a clerk looks; a topic is never hidden by flags, it waits in the clerks' queue.
 * Read and written in one transaction, so two flags at once count and hide once.
 */
export function flagContent(
  actor: Actor,
  input: FlagInput,
  options: { now?: Date } = {},
): ModerationResult<{ repeat: boolean; autoHidden: boolean; topicPath: string }> {
  const now = options.now ?? new Date();
  return db.transaction((tx): ModerationResult<{ repeat: boolean; autoHidden: boolean; topicPath: string }> => {
    const target = loadTarget(tx, input.targetType, input.targetId);
    if (!target || !target.topic.isPublic) return { ok: false, reason: "target-not-found" };
    if (input.topicId !== undefined && target.topic.id !== input.topicId) return { ok: false, reason: "target-not-found" };
    if (actor.blocked) return { ok: false, reason: "blocked" };
    if (!can(actor, "flag:create")) return { ok: false, reason: "email-unverified" };
    if (target.authorId === actor.id) return { ok: false, reason: "own-content" };
    const path = topicPath(target.topic);
    const repeat = { ok: true as const, repeat: true, autoHidden: false, topicPath: path };
    const flaggedBefore = tx
      .select({ id: flags.id })
      .from(flags)
      .where(and(eq(flags.targetType, target.type), eq(flags.targetId, target.id), eq(flags.flaggerId, actor.id)))
      .get();
    if (flaggedBefore) return repeat;
    if (target.hiddenBy || (target.comment && target.topic.hidden)) return { ok: false, reason: "already-hidden" };
    const inserted = tx
      .insert(flags)
      .values({
        targetType: target.type,
        targetId: target.id,
        topicId: target.topic.id,
        flaggerId: actor.id,
        reason: input.reason,
        note: input.note ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return repeat;
    const openFlags =
      target.type === "comment"
        ? tx.update(comments).set({ flagCount: sql`${comments.flagCount} + 1` }).where(eq(comments.id, target.id)).returning({ n: comments.flagCount }).get()!.n
        : tx.update(topics).set({ flagCount: sql`${topics.flagCount} + 1` }).where(eq(topics.id, target.id)).returning({ n: topics.flagCount }).get()!.n;
    const autoHidden =
      shouldAutoHide(target.type, openFlags, getSetting("flagHideThreshold"), target.hiddenBy) && hideTarget(tx, target, "flags", now);
    if (autoHidden) {
      recordAction(tx, {
        targetType: target.type,
        targetId: target.id,
        topicId: target.topic.id,
        action: "auto-hide",
        actorId: null,
        flaggedAt: firstOpenFlagAt(tx, target.type, target.id),
        now,
      });
      recordAudit(tx, {
        actorId: null,
        action: `${target.type}.auto-hide`,
        entityType: target.type,
        entityId: target.id,
        before: snapshot(target),
        after: { hidden: true, hiddenBy: "flags", openFlags },
      });
    }
    return { ok: true as const, repeat: false, autoHidden, topicPath: path };
  });
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

export interface DecisionInput {
  targetType: FlagTarget;
  targetId: number;
  decision: Decision;
  reason: string;
}

const NOTICE: Record<FlagTarget, Partial<Record<Decision, MessageKey>>> = {
  comment: {
    hide: "moderation.notice.comment.hidden",
    restore: "moderation.notice.comment.restored",
    dismiss: "moderation.notice.comment.dismissed",
  },
  topic: {
    hide: "moderation.notice.topic.hidden",
    restore: "moderation.notice.topic.restored",
    dismiss: "moderation.notice.topic.dismissed",
  },
};

/**
 * A clerk's decision on a flagged or hidden thing: hide, restore, dismiss the flags, lock or
 * unlock its thread, or close the discussion. Always with a reason, which the author is told
 * (inbox and email) and which lands in the audit log with the state before and after. The thing
 * is read inside the transaction: when it already is as the decision would leave it (a double
 * submit, two clerks at once) the answer is the same and nothing is written twice.
 */
export function decideModeration(actor: Actor, input: DecisionInput, options: { now?: Date } = {}): ModerationResult<{ topicPath: string }> {
  const now = options.now ?? new Date();
  const reason = input.reason;
  return db.transaction((tx): ModerationResult<{ topicPath: string }> => {
    const target = loadTarget(tx, input.targetType, input.targetId);
    if (!target) return { ok: false, reason: "target-not-found" };
    const path = topicPath(target.topic);
    const facts = {
      targetType: target.type,
      hidden: target.hiddenBy !== null,
      hiddenBy: target.hiddenBy,
      topicKind: target.topic.kind,
      topicStatus: target.topic.status,
      topicLocked: target.topic.locked,
      openFlags: target.openFlags,
    };
    if (alreadyDecided(input.decision, facts)) {
      // Closed already: the same request only if with the same conclusion (see closeDiscussion).
      if (input.decision !== "close" || concludedWith(tx, target.topic.id, reason)) return { ok: true, topicPath: path };
      return { ok: false, reason: "decision-not-available" };
    }
    const refusal = decisionRefusal(input.decision, facts);
    if (refusal) return { ok: false, reason: refusal };

    const before = snapshot(target);
    const flaggedAt = firstOpenFlagAt(tx, target.type, target.id);
    let entity: { type: string; id: number } = { type: target.type, id: target.id };
    let after: Record<string, unknown> = {};
    let noticeTo: string | null = target.authorId;
    let noticeType: MessageKey | undefined = NOTICE[target.type][input.decision];
    switch (input.decision) {
      case "hide":
        hideTarget(tx, target, "moderation", now);
        resolveFlags(tx, target, "hidden", now);
        after = { hidden: true, hiddenBy: "moderation", openFlags: 0 };
        break;
      case "restore":
        restoreTarget(tx, target, now);
        resolveFlags(tx, target, "restored", now);
        after = { hidden: false, hiddenBy: null, openFlags: 0 };
        break;
      case "dismiss":
        resolveFlags(tx, target, "dismissed", now);
        after = { hidden: false, openFlags: 0 };
        break;
      case "lock":
      case "unlock": {
        const locked = input.decision === "lock";
        const changed = tx
          .update(topics)
          .set({ locked, updatedAt: now })
          .where(and(eq(topics.id, target.topic.id), eq(topics.locked, !locked)))
          .run();
        if (changed.changes !== 1) return { ok: true, topicPath: path };
        entity = { type: "topic", id: target.topic.id };
        Object.assign(before, { locked: target.topic.locked });
        after = { locked };
        noticeTo = target.topic.authorId;
        noticeType = locked ? "moderation.notice.locked" : "moderation.notice.unlocked";
        break;
      }
      case "close":
        // Closing tells participants, followers and the author through the discussion's own notice.
        if (!closeDiscussionTx(tx, actor, target.topic, reason, now)) return { ok: true, topicPath: path };
        entity = { type: "topic", id: target.topic.id };
        after = { status: "closed" };
        noticeTo = null;
        break;
    }
    recordAction(tx, {
      targetType: entity.type as FlagTarget,
      targetId: entity.id,
      topicId: target.topic.id,
      action: input.decision,
      actorId: actor.id,
      reason,
      flaggedAt: ["hide", "restore", "dismiss"].includes(input.decision) ? flaggedAt : null,
      now,
    });
    recordAudit(tx, {
      actorId: actor.id,
      action: `${entity.type}.${input.decision}`,
      entityType: entity.type,
      entityId: entity.id,
      before,
      after,
      reason,
    });
    if (noticeTo && noticeType && noticeTo !== actor.id) {
      notify(tx, [noticeTo], {
        type: noticeType,
        topicId: target.topic.id,
        data: { title: target.topic.title, reason },
        link: targetLink(target),
        eventKey: `moderation:${entity.type}:${entity.id}:${input.decision}:${now.getTime()}`,
      });
    }
    return { ok: true, topicPath: path };
  });
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

function rolesOf(tx: DB | Tx, userId: string): Role[] {
  return tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role);
}

/** Hides what a person wrote because of their block, keeping each topic's comment_count in step. */
function hideContentOfBlocked(tx: Tx, userId: string, now: Date): void {
  const hidden = tx
    .update(comments)
    .set({ hiddenBy: "block", hiddenAt: now })
    .where(and(eq(comments.authorId, userId), isNull(comments.hiddenBy), isNull(comments.deletedAt)))
    .returning({ id: comments.id, topicId: comments.topicId })
    .all();
  const perTopic = new Map<number, number>();
  for (const c of hidden) perTopic.set(c.topicId, (perTopic.get(c.topicId) ?? 0) + 1);
  for (const [topicId, n] of perTopic) bumpCommentCount(tx, topicId, -n);
  withdrawCommentNotices(tx, hidden.map((c) => c.id));
  tx.update(topics)
    .set({ hidden: true, hiddenReason: "block", updatedAt: now })
    .where(and(eq(topics.authorId, userId), eq(topics.hidden, false)))
    .run();
}

/** Restores only what the block hid; what moderation or flags hid stays hidden. */
function restoreContentOfUnblocked(tx: Tx, userId: string, now: Date): void {
  const restored = tx
    .update(comments)
    .set({ hiddenBy: null, hiddenAt: null })
    .where(and(eq(comments.authorId, userId), eq(comments.hiddenBy, "block")))
    .returning({ topicId: comments.topicId })
    .all();
  const perTopic = new Map<number, number>();
  for (const c of restored) perTopic.set(c.topicId, (perTopic.get(c.topicId) ?? 0) + 1);
  for (const [topicId, n] of perTopic) bumpCommentCount(tx, topicId, n);
  tx.update(topics)
    .set({ hidden: false, hiddenReason: null, updatedAt: now })
    .where(and(eq(topics.authorId, userId), eq(topics.hidden, true), eq(topics.hiddenReason, "block")))
    .run();
}

/**
 * A clerk blocks a person (not a clerk or admin), with a reason and an optional end date:
 * they can no longer take part, and what they wrote is hidden while the block lasts.
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

// ---------------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------------

export interface QueueItem {
  key: string;
  targetType: FlagTarget;
  targetId: number;
  topic: { id: number; kind: string; title: string; path: string; locked: boolean; status: string };
  /** The comment's sanitised HTML or the topic's summary, so the clerk can judge it. */
  excerptHtml: string | null;
  excerptText: string | null;
  authorId: string | null;
  authorName: string | null;
  mayBlockAuthor: boolean;
  hiddenBy: HiddenBy | null;
  openFlags: number;
  reasons: Array<{ reason: FlagReason; count: number }>;
  notes: string[];
  firstFlaggedAt: string | null;
  decisions: Decision[];
}

function describeTargets(actor: Actor, keys: Array<{ targetType: FlagTarget; targetId: number; openFlags: number; firstFlaggedAt: Date | null }>): QueueItem[] {
  const items: QueueItem[] = [];
  const authorIds = new Set<string>();
  const loaded = keys.map((k) => ({ k, target: loadTarget(db, k.targetType, k.targetId) }));
  for (const { target } of loaded) if (target?.authorId) authorIds.add(target.authorId);
  const names = new Map<string, string>();
  const roles = new Map<string, Role[]>();
  if (authorIds.size) {
    for (const u of db.select({ id: users.id, name: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, [...authorIds])).all()) {
      if (!u.deletedAt) names.set(u.id, u.name);
    }
    for (const r of db.select().from(userRoles).where(inArray(userRoles.userId, [...authorIds])).all()) {
      roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
    }
  }
  const openFlagRows = keys.length
    ? db
        .select({ targetType: flags.targetType, targetId: flags.targetId, reason: flags.reason, note: flags.note })
        .from(flags)
        .where(
          and(
            isNull(flags.resolvedAt),
            or(...keys.map((k) => and(eq(flags.targetType, k.targetType), eq(flags.targetId, k.targetId)))),
          ),
        )
        .orderBy(asc(flags.createdAt))
        .all()
    : [];
  for (const { k, target } of loaded) {
    if (!target) continue;
    const mine = openFlagRows.filter((f) => f.targetType === k.targetType && f.targetId === k.targetId);
    const reasonCounts = new Map<FlagReason, number>();
    for (const f of mine) reasonCounts.set(f.reason, (reasonCounts.get(f.reason) ?? 0) + 1);
    const authorId = target.authorId;
    items.push({
      key: `${target.type}-${target.id}`,
      targetType: target.type,
      targetId: target.id,
      topic: { id: target.topic.id, kind: target.topic.kind, title: target.topic.title, path: topicPath(target.topic), locked: target.topic.locked, status: target.topic.status },
      excerptHtml: target.comment ? target.comment.bodyHtml : null,
      excerptText: target.comment ? null : target.topic.summary || target.topic.body.slice(0, 500),
      authorId,
      authorName: authorId ? (names.get(authorId) ?? null) : null,
      mayBlockAuthor: Boolean(authorId && names.has(authorId)) && can(actor, "user:block", { id: authorId!, roles: roles.get(authorId!) ?? [] }),
      hiddenBy: target.hiddenBy,
      openFlags: target.openFlags,
      reasons: [...reasonCounts].map(([reason, count]) => ({ reason, count })),
      notes: mine.map((f) => f.note).filter((n): n is string => Boolean(n)),
      firstFlaggedAt: k.firstFlaggedAt?.toISOString() ?? null,
      decisions: availableDecisions({
        targetType: target.type,
        hidden: target.hiddenBy !== null,
        topicKind: target.topic.kind,
        topicStatus: target.topic.status,
        topicLocked: target.topic.locked,
        openFlags: target.openFlags,
      }),
    });
  }
  return items;
}

/** Flagged things with open flags, oldest first flag first; or things hidden by moderation or flags. */
export function listModerationQueue(actor: Actor, view: "flagged" | "hidden", page: number) {
  if (view === "flagged") {
    const groups = db
      .select({
        targetType: flags.targetType,
        targetId: flags.targetId,
        openFlags: sql<number>`count(*)`,
        first: sql<number>`min(${flags.createdAt})`,
      })
      .from(flags)
      .where(isNull(flags.resolvedAt))
      .groupBy(flags.targetType, flags.targetId)
      .orderBy(sql`min(${flags.createdAt})`)
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE)
      .all();
    const total =
      db.select({ n: sql<number>`count(*)` }).from(sql`(SELECT 1 FROM ${flags} WHERE ${flags.resolvedAt} IS NULL GROUP BY ${flags.targetType}, ${flags.targetId})`).get()?.n ?? 0;
    const items = describeTargets(
      actor,
      groups.map((g) => ({ targetType: g.targetType, targetId: g.targetId, openFlags: g.openFlags, firstFlaggedAt: new Date(g.first) })),
    );
    return { items, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
  }
  const hiddenTopics = db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.hidden, true), inArray(topics.hiddenReason, ["moderation", "flags"])))
    .orderBy(asc(topics.updatedAt))
    .all();
  const hiddenComments = db
    .select({ id: comments.id })
    .from(comments)
    .where(and(inArray(comments.hiddenBy, ["moderation", "flags"]), isNull(comments.deletedAt)))
    .orderBy(asc(comments.hiddenAt))
    .all();
  const all = [
    ...hiddenTopics.map((t) => ({ targetType: "topic" as const, targetId: t.id })),
    ...hiddenComments.map((c) => ({ targetType: "comment" as const, targetId: c.id })),
  ];
  const slice = all.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE);
  const items = describeTargets(
    actor,
    slice.map((s) => ({ ...s, openFlags: 0, firstFlaggedAt: firstOpenFlagAt(db, s.targetType, s.targetId) })),
  );
  return { items, total: all.length, pages: Math.max(1, Math.ceil(all.length / QUEUE_PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------------------------
// The audit log page
// ---------------------------------------------------------------------------------------------

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  /** Inclusive: the whole day. */
  to?: Date;
  page: number;
}

export function listAuditLog(filter: AuditFilter) {
  const conditions = [
    filter.actorId ? (filter.actorId === "system" ? isNull(auditLog.actorId) : eq(auditLog.actorId, filter.actorId)) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.to ? lt(auditLog.createdAt, new Date(filter.to.getTime() + 86_400_000)) : undefined,
  ].filter(Boolean);
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .all()
    .map((r) => ({
      ...r,
      before: r.before == null ? null : JSON.stringify(r.before),
      after: r.after == null ? null : JSON.stringify(r.after),
      createdAt: r.createdAt.toISOString(),
    }));
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/**
 * The choices for the audit filters: the actions that occur in the log, and the staff (clerks and
 * admins, who take the privileged actions) plus the person filtered on. Listing every actor in
 * the log made a select of thousands of residents, read from the whole log on every visit.
 */
export function auditFilterOptions(selectedActorId?: string) {
  // One index seek per distinct action (audit_log_action_idx), however long the log.
  const actions = db
    .all<{ action: string }>(
      sql`WITH RECURSIVE seen(action) AS (
            SELECT min(action) FROM ${auditLog}
            UNION ALL SELECT (SELECT min(action) FROM ${auditLog} WHERE action > seen.action) FROM seen WHERE seen.action IS NOT NULL)
          SELECT action FROM seen WHERE action IS NOT NULL`,
    )
    .map((r) => r.action);
  const staff = db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, ["clerk", "admin"]));
  const actors = db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(selectedActorId ? or(inArray(users.id, staff), eq(users.id, selectedActorId)) : inArray(users.id, staff))
    .orderBy(asc(users.displayName))
    .all();
  return { actions, actors };
}

// ---------------------------------------------------------------------------------------------
// Public statistics
// ---------------------------------------------------------------------------------------------

export interface ModerationMonth {
  month: string;
  flagged: number;
  hidden: number;
  restored: number;
  /** Median hours from the first flag to a clerk's decision, or null without decisions. */
  medianHandleHours: number | null;
}

/**
 * Items flagged, hidden and restored per month, and the median time from first flag to a
 * clerk's decision. Counts only: nothing here names a person or quotes content.
 */
export function moderationStatistics(now: Date = new Date(), months = 12): { months: ModerationMonth[]; totals: Omit<ModerationMonth, "month"> } {
  const keys: string[] = [];
  const cursor = new Date(now);
  for (let i = 0; i < months; i++) {
    const d = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() - i, 15));
    keys.push(monthKey(d));
  }
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1) - 2 * 86_400_000);
  // When each thing in the period was first flagged: its flags since then, for things with no
  // flag before (one flagged earlier was counted in its own month).
  const firstFlags = db
    .select({ first: sql<number>`min(${flags.createdAt})` })
    .from(flags)
    .where(
      and(
        gte(flags.createdAt, since),
        sql`NOT EXISTS (SELECT 1 FROM ${flags} AS earlier WHERE earlier.target_type = ${flags.targetType} AND earlier.target_id = ${flags.targetId} AND earlier.created_at < ${since.getTime()})`,
      ),
    )
    .groupBy(flags.targetType, flags.targetId)
    .all();
  const actions = db
    .select({ action: moderationActions.action, targetType: moderationActions.targetType, targetId: moderationActions.targetId, actorId: moderationActions.actorId, flaggedAt: moderationActions.flaggedAt, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(and(gte(moderationActions.createdAt, since), inArray(moderationActions.action, ["hide", "auto-hide", "restore", "dismiss"])))
    .all();
  const byMonth = new Map(keys.map((k) => [k, { flagged: 0, hidden: new Set<string>(), restored: new Set<string>(), handle: [] as number[] }]));
  for (const f of firstFlags) {
    const bucket = byMonth.get(monthKey(new Date(f.first)));
    if (bucket) bucket.flagged++;
  }
  for (const a of actions) {
    const bucket = byMonth.get(monthKey(a.createdAt));
    if (!bucket) continue;
    const target = `${a.targetType}:${a.targetId}`;
    if (a.action === "hide" || a.action === "auto-hide") bucket.hidden.add(target);
    if (a.action === "restore") bucket.restored.add(target);
    if (a.actorId && a.flaggedAt) bucket.handle.push((a.createdAt.getTime() - a.flaggedAt.getTime()) / 3_600_000);
  }
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  const rows = keys.map((month) => {
    const b = byMonth.get(month)!;
    return { month, flagged: b.flagged, hidden: b.hidden.size, restored: b.restored.size, medianHandleHours: round(median(b.handle)) };
  });
  const allHandle = [...byMonth.values()].flatMap((b) => b.handle);
  return {
    months: rows,
    totals: {
      flagged: rows.reduce((s, r) => s + r.flagged, 0),
      hidden: rows.reduce((s, r) => s + r.hidden, 0),
      restored: rows.reduce((s, r) => s + r.restored, 0),
      medianHandleHours: round(median(allHandle)),
    },
  };
}
