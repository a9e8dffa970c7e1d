// A clerk's decision on a flagged or hidden thing: hide, restore, dismiss, lock, unlock.
import { and, eq } from "drizzle-orm";
import { topics, type FlagTarget } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import type { ModerationResult } from "./moderation.refusals";
import { alreadyDecided, decisionRefusal, type Decision } from "./moderation.rules";
import { firstOpenFlagAt, hideTarget, loadTarget, recordAction, resolveFlags, restoreTarget, snapshot, targetLink } from "./moderation.targets.server";

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
 * unlock its thread. Always with a reason, which the author is told
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
      topicLocked: target.topic.locked,
      openFlags: target.openFlags,
    };
    if (alreadyDecided(input.decision, facts)) return { ok: true, topicPath: path };
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
