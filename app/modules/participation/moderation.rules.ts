// Pure moderation rules: flags, automatic hiding, the decisions a clerk can take, blocks.
import type { FlagReason, FlagTarget, HiddenBy } from "#db/schema/discussions.constants";
import type { Role } from "#db/schema/users.constants";
import { localDay } from "~/utils/local-time";

export const FLAG_NOTE_MAX = 500;
export const MODERATION_REASON_MAX = 1_000;
export const QUEUE_PAGE_SIZE = 20;
export const AUDIT_PAGE_SIZE = 50;

/** "Other" needs a note; the other reasons speak for themselves. */
export const noteRequired = (reason: FlagReason): boolean => reason === "other";

/**
 * Enough distinct people flagged a visible comment: hide it until a clerk looks. Topics
 * (petitions, discussions) are never hidden by flags alone: they wait, visible, in the clerks'
 * queue, so a few accounts cannot take a petition off the platform.
 */
export function shouldAutoHide(targetType: FlagTarget, openFlags: number, threshold: number, hiddenBy: HiddenBy | null): boolean {
  return targetType === "comment" && hiddenBy === null && openFlags >= threshold;
}

/**
 * What a clerk decides about a flagged or hidden thing. Closing a topic is not among them: it
 * belongs on the topic, with its own conclusion field and a confirmation (a discussion's close
 * page), never a side effect of judging one comment.
 */
export const DECISIONS = ["hide", "restore", "dismiss", "lock", "unlock"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface TargetFacts {
  targetType: FlagTarget;
  hidden: boolean;
  /** Whether the thread of the topic the thing belongs to is locked. */
  topicLocked: boolean;
  /** Open flags on the thing. */
  openFlags: number;
}

/**
 * The decisions that make sense for a thing in its current state. Hiding a hidden thing
 * confirms it (the flags are upheld); restoring needs something hidden; dismissing needs open
 * flags on something visible; locking and unlocking act on the topic's thread.
 */
export function availableDecisions(t: TargetFacts): Decision[] {
  const decisions: Decision[] = [];
  if (!t.hidden || t.openFlags > 0) decisions.push("hide");
  if (t.hidden) decisions.push("restore");
  if (!t.hidden && t.openFlags > 0) decisions.push("dismiss");
  decisions.push(t.topicLocked ? "unlock" : "lock");
  return decisions;
}

/**
 * Whether the thing is already as the decision would leave it: the same decision again (a double
 * submit, or two clerks at once), answered as done without doing anything twice.
 */
export function alreadyDecided(decision: Decision, t: TargetFacts & { hiddenBy: HiddenBy | null }): boolean {
  switch (decision) {
    case "hide":
      return t.hiddenBy === "moderation" && t.openFlags === 0;
    case "restore":
    case "dismiss":
      return !t.hidden && t.openFlags === 0;
    case "lock":
      return t.topicLocked;
    case "unlock":
      return !t.topicLocked;
  }
}

export type DecisionRefusal = "decision-not-available";

export function decisionRefusal(decision: Decision, t: TargetFacts): DecisionRefusal | null {
  return availableDecisions(t).includes(decision) ? null : "decision-not-available";
}

/** Clerks and admins keep the platform running: a clerk cannot block them, nor themselves. */
export const PROTECTED_ROLES: readonly Role[] = ["clerk", "admin"];

export type BlockRefusal = "protected-role" | "self" | "already-blocked" | "not-blocked" | "end-in-past";

export function blockRefusal(
  actorId: string,
  target: { id: string; roles: readonly Role[]; blockedAt: Date | null; blockedUntil: Date | null },
  until: Date | null,
  now: Date = new Date(),
): BlockRefusal | null {
  if (target.id === actorId) return "self";
  if (target.roles.some((r) => PROTECTED_ROLES.includes(r))) return "protected-role";
  if (isBlockActive(target.blockedAt, target.blockedUntil, now)) return "already-blocked";
  if (until && until.getTime() <= now.getTime()) return "end-in-past";
  return null;
}

export function isBlockActive(blockedAt: Date | null, blockedUntil: Date | null, now: Date = new Date()): boolean {
  return Boolean(blockedAt) && (!blockedUntil || blockedUntil.getTime() > now.getTime());
}

/** A block whose end date has passed, still to be lifted by the job. */
export function isBlockExpired(blockedAt: Date | null, blockedUntil: Date | null, now: Date = new Date()): boolean {
  return Boolean(blockedAt) && Boolean(blockedUntil) && blockedUntil!.getTime() <= now.getTime();
}

/** How long something has waited, in the largest whole unit that fits (for "waiting 3 days"). */
export function waitingTime(ms: number): { unit: "minutes" | "hours" | "days"; count: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: "minutes", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", count: hours };
  return { unit: "days", count: Math.floor(hours / 24) };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "2025-03" for a date, in the municipality's time zone. */
export function monthKey(date: Date): string {
  // Through the municipality's one day formatter: building an Intl.DateTimeFormat per row cost the
  // statistics page 800 ms and 400 MB on three years of moderation.
  return localDay(date).slice(0, 7);
}
