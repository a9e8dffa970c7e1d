// The clerks' queue: flagged things oldest first, or what is hidden now.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { comments, flags, topics, userRoles, users, type FlagReason, type FlagTarget, type HiddenBy, type Role } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { kindManifest } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
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
