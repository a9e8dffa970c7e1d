// The audit log page: privileged actions, filtered by person, action and date.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { auditLog, comments, topics, userRoles, users } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { isRegisteredKind, kindManifest } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage, type KeyOrder } from "~/utils/keyset.server";
import { AUDIT_PAGE_SIZE } from "./moderation.rules";

/**
 * What an entry is about, for the page to name and link: a person by name, a topic by title, a
 * comment by the topic it is on, a setting by its key. Null names: deleted, or not found.
 */
export type AuditSubject =
  | { kind: "person"; id: string; name: string | null }
  | { kind: "topic"; id: string; title: string | null; path: string | null; topicKind: string | null; kindLabel: MessageKey | null }
  | { kind: "comment"; id: string; topicTitle: string | null; path: string | null }
  | { kind: "setting"; key: string }
  | { kind: "other"; id: string };

const numericId = (id: string) => (/^[1-9]\d{0,15}$/.test(id) ? Number(id) : null);

/**
 * Names what a page of entries is about, in three primary-key lookups for the whole page. A
 * topic's entries are under "topic" and its id, whatever its kind (the kind is read from the topic:
 * its path and status words); a topic that is gone is still "topic 12".
 */
function subjectsOf(rows: Array<{ entityType: string; entityId: string }>): AuditSubject[] {
  const people = rows.filter((r) => r.entityType === "user").map((r) => r.entityId);
  const commentIds = rows.filter((r) => r.entityType === "comment").map((r) => numericId(r.entityId)).filter((n): n is number => n !== null);
  const topicIds = rows
    .filter((r) => r.entityType === "topic")
    .map((r) => numericId(r.entityId))
    .filter((n): n is number => n !== null);
  const names = new Map(
    people.length
      ? db.select({ id: users.id, name: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, [...new Set(people)])).all().map((u) => [u.id, u.deletedAt || !u.name ? null : u.name])
      : [],
  );
  const commentTopics = new Map(
    commentIds.length
      ? db.select({ id: comments.id, topicId: comments.topicId }).from(comments).where(inArray(comments.id, [...new Set(commentIds)])).all().map((c) => [c.id, c.topicId])
      : [],
  );
  const allTopicIds = [...new Set([...topicIds, ...commentTopics.values()])];
  const topicRows = new Map(
    allTopicIds.length
      ? db.select({ id: topics.id, kind: topics.kind, title: topics.title }).from(topics).where(inArray(topics.id, allTopicIds)).all().map((t) => [t.id, t])
      : [],
  );
  return rows.map((r): AuditSubject => {
    if (r.entityType === "user") return { kind: "person", id: r.entityId, name: names.get(r.entityId) ?? null };
    if (r.entityType === "setting") return { kind: "setting", key: r.entityId };
    const n = numericId(r.entityId);
    if (r.entityType === "comment") {
      const topic = n === null ? undefined : topicRows.get(commentTopics.get(n) ?? -1);
      return { kind: "comment", id: r.entityId, topicTitle: topic?.title ?? null, path: topic ? `${topicPath(topic)}#comment-${r.entityId}` : null };
    }
    if (r.entityType !== "topic") return { kind: "other", id: r.entityId };
    const topic = n === null ? undefined : topicRows.get(n);
    const manifest = topic && isRegisteredKind(topic.kind) ? kindManifest(topic.kind) : undefined;
    return {
      kind: "topic", id: r.entityId, title: topic?.title ?? null, path: topic ? topicPath(topic) : null,
      topicKind: topic?.kind ?? null, kindLabel: manifest?.label ?? null,
    };
  });
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  /** Inclusive: the whole day. */
  to?: Date;
  cursor: PageCursor | null;
}

const AUDIT_ORDER: KeyOrder = { columns: [auditLog.createdAt, auditLog.id], descending: true };
/** The count above the log stops here ("more than 1,000"): counting a filter over the whole log reads all of it. */
export const AUDIT_COUNT_CAP = 1000;

export function listAuditLog(filter: AuditFilter) {
  const conditions = [
    filter.actorId ? (filter.actorId === "system" ? isNull(auditLog.actorId) : eq(auditLog.actorId, filter.actorId)) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.to ? lt(auditLog.createdAt, new Date(filter.to.getTime() + 86_400_000)) : undefined,
  ].filter(Boolean);
  const where = conditions.length ? and(...conditions) : undefined;
  const counted =
    db.select({ n: sql<number>`count(*)` }).from(db.select({ one: sql`1` }).from(auditLog).where(where).limit(AUDIT_COUNT_CAP + 1).as("capped")).get()?.n ?? 0;
  const fetched = db
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
    .where(and(where, keysetCondition(AUDIT_ORDER, filter.cursor)))
    .orderBy(...keysetOrderBy(AUDIT_ORDER, filter.cursor))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(fetched, AUDIT_PAGE_SIZE, filter.cursor, (r) => [r.createdAt.getTime(), r.id]);
  const subjects = subjectsOf(page.rows);
  return {
    rows: page.rows.map((r, i) => ({ ...r, subject: subjects[i]!, createdAt: r.createdAt.toISOString() })),
    total: Math.min(counted, AUDIT_COUNT_CAP),
    more: counted > AUDIT_COUNT_CAP,
    next: page.next,
    prev: page.prev,
  };
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
