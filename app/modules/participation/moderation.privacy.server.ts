// What clerks wrote about a person: block reasons, the reasons and before/after of audit entries
// about them and their contributions, the reasons of moderation decisions on those. On account
// deletion the free text goes; the action, its code and its date stay, so the statistics and the
// record of what was done are kept without saying anything about who it was.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { auditLog, comments, moderationActions, topics, users } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";
import type { DB, Tx } from "~/utils/db.server";

/** Keys of audit before/after snapshots that hold words someone typed or a person's details. */
const FREE_TEXT_KEYS = ["blockedReason", "reason", "note", "rejectionNote", "name", "displayName", "email", "body", "title", "conclusion"];
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The ids of what the person wrote, as the audit log and moderation records name them (text). */
function ownIds(db: DB | Tx, userId: string) {
  const commentIds = db.select({ id: comments.id }).from(comments).where(eq(comments.authorId, userId)).all().map((c) => String(c.id));
  const ownTopics = db.select({ id: topics.id, kind: topics.kind }).from(topics).where(eq(topics.authorId, userId)).all();
  return { commentIds, topics: ownTopics.map((t) => ({ id: String(t.id), kind: t.kind })) };
}

const withoutFreeText = (column: typeof auditLog.before | typeof auditLog.after) =>
  sql`CASE WHEN ${column} IS NULL THEN NULL ELSE json_remove(${column}, ${sql.join(
    FREE_TEXT_KEYS.map((k) => sql`${`$.${k}`}`),
    sql`, `,
  )}) END`;

function blankAudit(tx: Tx, where: ReturnType<typeof and>) {
  tx.update(auditLog)
    .set({ reason: null, before: withoutFreeText(auditLog.before), after: withoutFreeText(auditLog.after) })
    .where(where)
    .run();
}

function blankModerationReasons(tx: Tx, targetType: string, ids: string[]) {
  for (const part of chunks(ids)) {
    tx.update(moderationActions)
      .set({ reason: null })
      .where(and(sql`${moderationActions.targetType} = ${targetType}`, inArray(moderationActions.targetId, part)))
      .run();
  }
}

export const moderationPersonalData: PersonalDataSource = {
  name: "moderation",
  collect: (db, userId) => {
    const { commentIds, topics: ownTopics } = ownIds(db, userId);
    const decisions = (targetType: string, ids: string[]) =>
      chunks(ids).flatMap((part) =>
        db
          .select({ targetType: moderationActions.targetType, targetId: moderationActions.targetId, action: moderationActions.action, reason: moderationActions.reason, createdAt: moderationActions.createdAt })
          .from(moderationActions)
          .where(and(sql`${moderationActions.targetType} = ${targetType}`, inArray(moderationActions.targetId, part)))
          .all(),
      );
    const block = db.select({ blockedAt: users.blockedAt, blockedUntil: users.blockedUntil, reason: users.blockedReason }).from(users).where(eq(users.id, userId)).get();
    return {
      block: block?.blockedAt ? block : null,
      decisions: [...decisions("user", [userId]), ...decisions("comment", commentIds), ...decisions("topic", ownTopics.map((t) => t.id))],
    };
  },
  // Runs before the other sources: it finds the person's contributions by their author id.
  erasure: [
    {
      name: "moderation-person",
      erase: (tx, { userId }) => {
        tx.update(users).set({ blockedReason: null }).where(eq(users.id, userId)).run();
        blankAudit(tx, and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, userId)));
        blankModerationReasons(tx, "user", [userId]);
        const rows = tx.update(moderationActions).set({ targetId: "erased" }).where(and(eq(moderationActions.targetType, "user"), eq(moderationActions.targetId, userId))).run().changes;
        return { rows, cursor: null };
      },
    },
    // The person's comments, a batch at a time: what clerks wrote about each, then the comment
    // loses its author (it stays, as "deleted participant"), which also marks it done.
    untilNoneLeft("comments", (tx, { userId }, size) => {
      const ids = tx.select({ id: comments.id }).from(comments).where(eq(comments.authorId, userId)).limit(size).all().map((c) => c.id);
      if (ids.length === 0) return 0;
      const textIds = ids.map(String);
      blankAudit(tx, and(eq(auditLog.entityType, "comment"), inArray(auditLog.entityId, textIds)));
      blankModerationReasons(tx, "comment", textIds);
      tx.update(comments).set({ authorId: null }).where(inArray(comments.id, ids)).run();
      return ids.length;
    }),
    // What clerks wrote about the topics they started, in topic order (the topics keep their
    // author until the shared step "authored-topics" releases them).
    {
      name: "moderation-topics",
      erase: (tx, { userId }, cursor, size) => {
        const own = tx
          .select({ id: topics.id, kind: topics.kind })
          .from(topics)
          .where(and(eq(topics.authorId, userId), gt(topics.id, cursor)))
          .orderBy(asc(topics.id))
          .limit(size)
          .all();
        // A topic's entries are under "topic" and its id, whatever its kind (migration 0019 moved the old "petition 12").
        if (own.length > 0) blankAudit(tx, and(eq(auditLog.entityType, "topic"), inArray(auditLog.entityId, own.map((t) => String(t.id)))));
        blankModerationReasons(tx, "topic", own.map((t) => String(t.id)));
        return { rows: own.length, cursor: own.length < size ? null : own[own.length - 1]!.id };
      },
    },
  ],
};
