// Reporting a topic or comment, and hiding a comment once enough people did.
import { and, eq, sql } from "drizzle-orm";
import { comments, flags, topics, type FlagReason, type FlagTarget } from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { can, type Actor } from "~/utils/permissions";
import type { ModerationResult } from "./moderation.refusals";
import { shouldAutoHide } from "./moderation.rules";
import { firstOpenFlagAt, hideTarget, loadTarget, recordAction, snapshot } from "./moderation.targets.server";

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
