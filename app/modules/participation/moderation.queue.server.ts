// The clerks' queue: flagged things oldest first, or what is hidden now.
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { comments, flags, topics, userRoles, users, type FlagReason, type FlagTarget, type HiddenBy, type Role } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { kindManifest } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage, type KeyOrder } from "~/utils/keyset.server";
import { can, type Actor } from "~/utils/permissions";
import { availableDecisions, QUEUE_PAGE_SIZE, type Decision } from "./moderation.rules";
import { firstOpenFlagAt, loadTarget } from "./moderation.targets.server";

export interface QueueItem {
  key: string;
  targetType: FlagTarget;
  targetId: number;
  topic: { id: number; kind: string; kindLabel: MessageKey; title: string; path: string; locked: boolean; status: string };
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
      topic: { id: target.topic.id, kind: target.topic.kind, kindLabel: kindManifest(target.topic.kind).label, title: target.topic.title, path: topicPath(target.topic), locked: target.topic.locked, status: target.topic.status },
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
        topicLocked: target.topic.locked,
        openFlags: target.openFlags,
      }),
    });
  }
  return items;
}

/** What the hidden tab pages by: when the thing was hidden, then what it is ("comment" or "topic") and its id. */
export type HiddenKey = [number, string, number];
export const HIDDEN_KEY_TYPES = ["number", "string", "number"] as const;
/** The count of hidden things stops here ("more than 1,000"). */
export const HIDDEN_COUNT_CAP = 1000;

/**
 * One page of what moderation or flags hid, longest hidden first, from a cursor on. Topics and
 * comments are two lists in one order: each is read from the cursor by its own index (topics by
 * `topics_hidden_idx`, comments by `comments_hidden_idx`), one past the page, and the two are
 * merged here; nothing is read beyond the page.
 */
function listHidden(cursor: PageCursor | null) {
  const forward = !cursor || cursor.after;
  // The condition of one of the two lists: its rows come after (or before) the cursor's key when
  // their time is later, or equal with the type and then the id ordered after it.
  const from = (type: FlagTarget, at: SQL | SQLiteColumn, id: SQLiteColumn) => {
    if (!cursor) return undefined;
    const [time, cursorType, cursorId] = cursor.key as HiddenKey;
    const later = forward ? sql`${at} > ${time}` : sql`${at} < ${time}`;
    const same = forward ? sql`${at} >= ${time}` : sql`${at} <= ${time}`;
    if (type === cursorType) return forward ? sql`(${at}, ${id}) > (${time}, ${cursorId})` : sql`(${at}, ${id}) < (${time}, ${cursorId})`;
    return (type > cursorType) === forward ? same : later;
  };
  const direction = (column: SQL | SQLiteColumn) => (forward ? sql`${column} ASC` : sql`${column} DESC`);
  const size = QUEUE_PAGE_SIZE + 1;
  // Literal `hidden = 1` and `hidden_by IS NOT NULL`: the partial indexes are chosen only for a
  // condition written as theirs, not for a bound parameter.
  const hiddenTopics = db
    .select({ id: topics.id, at: topics.updatedAt })
    .from(topics)
    .where(and(sql`${topics.hidden} = 1`, inArray(topics.hiddenReason, ["moderation", "flags"]), from("topic", topics.updatedAt, topics.id)))
    .orderBy(direction(topics.updatedAt), direction(topics.id))
    .limit(size)
    .all()
    .map((t) => ({ targetType: "topic" as const, targetId: t.id, at: t.at.getTime() }));
  const hiddenComments = db
    .select({ id: comments.id, at: comments.hiddenAt })
    .from(comments)
    .where(
      and(
        sql`${comments.hiddenBy} IS NOT NULL`,
        inArray(comments.hiddenBy, ["moderation", "flags"]),
        isNull(comments.deletedAt),
        from("comment", comments.hiddenAt, comments.id),
      ),
    )
    .orderBy(direction(comments.hiddenAt), direction(comments.id))
    .limit(size)
    .all()
    .map((c) => ({ targetType: "comment" as const, targetId: c.id, at: c.at?.getTime() ?? 0 }));
  const keyOf = (row: { targetType: FlagTarget; targetId: number; at: number }): HiddenKey => [row.at, row.targetType, row.targetId];
  const compare = (a: HiddenKey, b: HiddenKey) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2];
  const merged = [...hiddenTopics, ...hiddenComments].sort((a, b) => (forward ? 1 : -1) * compare(keyOf(a), keyOf(b))).slice(0, size);
  const page = keysetPage(merged, QUEUE_PAGE_SIZE, cursor, keyOf);
  const capped = (query: SQL) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${query} LIMIT ${HIDDEN_COUNT_CAP + 1})`).n;
  const counted =
    capped(sql`SELECT 1 FROM ${topics} WHERE ${topics.hidden} = 1 AND ${topics.hiddenReason} IN ('moderation', 'flags')`) +
    capped(sql`SELECT 1 FROM ${comments} WHERE ${comments.hiddenBy} IS NOT NULL AND ${comments.hiddenBy} IN ('moderation', 'flags') AND ${comments.deletedAt} IS NULL`);
  return { ...page, total: Math.min(counted, HIDDEN_COUNT_CAP), more: counted > HIDDEN_COUNT_CAP };
}

/** What the flagged tab pages by: when a thing's first open flag was made, and that flag's id. */
export type FlaggedKey = [number, number];
export const FLAGGED_KEY_TYPES = ["number", "number"] as const;
const FLAGGED_ORDER: KeyOrder = { columns: [flags.createdAt, flags.id], descending: false };

/**
 * One page of flagged things, longest waiting first, from a cursor on. A thing stands in the list
 * by its first open flag: open flags are read in (created_at, id) order along `flags_open_idx`,
 * and one is kept only when no earlier open flag on the same thing exists (one probe of the flags'
 * target index). So a page reads about its size times the flags per thing, however long the queue
 * (grouping every open flag to order the groups read all 20,000 of a city's open flags per page).
 * The count stops at HIDDEN_COUNT_CAP ("more than 1,000").
 */
function listFlagged(cursor: PageCursor | null) {
  const firstOpenFlag = sql`NOT EXISTS (SELECT 1 FROM ${flags} AS earlier WHERE earlier.target_type = ${flags.targetType} AND earlier.target_id = ${flags.targetId} AND earlier.resolved_at IS NULL AND (earlier.created_at, earlier.id) < (${flags.createdAt}, ${flags.id}))`;
  const rows = db
    .select({ id: flags.id, targetType: flags.targetType, targetId: flags.targetId, at: flags.createdAt })
    .from(flags)
    .where(and(isNull(flags.resolvedAt), keysetCondition(FLAGGED_ORDER, cursor), firstOpenFlag))
    .orderBy(...keysetOrderBy(FLAGGED_ORDER, cursor))
    .limit(QUEUE_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(rows, QUEUE_PAGE_SIZE, cursor, (row): FlaggedKey => [row.at.getTime(), row.id]);
  const counted = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${flags} WHERE ${flags.resolvedAt} IS NULL AND ${firstOpenFlag} LIMIT ${HIDDEN_COUNT_CAP + 1})`).n;
  return {
    // How many flags are open is the thing's own counter (flag_count), read with it.
    rows: page.rows.map((r) => ({ targetType: r.targetType, targetId: r.targetId, openFlags: 0, firstFlaggedAt: r.at })),
    next: page.next,
    prev: page.prev,
    total: Math.min(counted, HIDDEN_COUNT_CAP),
    more: counted > HIDDEN_COUNT_CAP,
  };
}

/** Flagged things with open flags, longest waiting first, or things hidden by moderation or flags: both page by key. */
export function listModerationQueue(actor: Actor, view: "flagged" | "hidden", options: { cursor: PageCursor | null }) {
  if (view === "flagged") {
    const flagged = listFlagged(options.cursor);
    return { items: describeTargets(actor, flagged.rows), total: flagged.total, more: flagged.more, next: flagged.next, prev: flagged.prev };
  }
  const hidden = listHidden(options.cursor);
  const items = describeTargets(
    actor,
    hidden.rows.map((s) => ({ targetType: s.targetType, targetId: s.targetId, openFlags: 0, firstFlaggedAt: firstOpenFlagAt(db, s.targetType, s.targetId) })),
  );
  return { items, total: hidden.total, more: hidden.more, next: hidden.next, prev: hidden.prev };
}
