// Pure rules of the daily digest: once per calendar day in the municipality's time zone, at or
// after a fixed local hour. No database, no clock: `now` is always passed in.
import { localDayAndHour } from "~/utils/local-time";

/** The local hour (in the municipality's time zone) from which the day's digest goes out. */
export const DIGEST_HOUR = 7;

/**
 * Whether today's digest is due at `now`: it is 07:00 or later in Amsterdam and no digest was
 * started yet on this calendar day (`lastDigestAt`: when the last one was started; null: never).
 * A last digest dated after today (the clock was set back) does not start another.
 */
export function isDigestDue(now: Date, lastDigestAt: Date | null): boolean {
  const today = localDayAndHour(now);
  if (today.hour < DIGEST_HOUR) return false;
  return lastDigestAt === null || localDayAndHour(lastDigestAt).day < today.day;
}

/** What is recorded about the digests: when the last one was started, and when the last started one was finished. */
export interface DigestRecord {
  /** The moment the last digest was started; it is also its cutoff (notices up to it go in). */
  startedAt: Date | null;
  /** The `startedAt` of the last digest that was sent to everyone. */
  finishedFor: Date | null;
}

export type DigestStep =
  /** Start today's digest: record `now` as its start, then send. */
  | { kind: "start" }
  /** A started digest was interrupted (a crash, a restart): send the rest, with its own cutoff. */
  | { kind: "resume"; startedAt: Date }
  | { kind: "wait" };

/** What the digest job does at `now`: finish an interrupted digest first, else start today's when it is due. */
export function nextDigestStep(now: Date, record: DigestRecord): DigestStep {
  if (record.startedAt && record.finishedFor?.getTime() !== record.startedAt.getTime()) {
    return { kind: "resume", startedAt: record.startedAt };
  }
  return isDigestDue(now, record.startedAt) ? { kind: "start" } : { kind: "wait" };
}

/** The unread badge counts no further than this: a count of tens of thousands helps no one. */
export const UNREAD_CAP = 100;

/** What the inbox link shows of an unread count that stopped at UNREAD_CAP: "7", or "99+" beyond 99. */
export function unreadLabel(count: number): string | null {
  if (count <= 0) return null;
  return count >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : String(count);
}

/**
 * A notice's `data` as it is shown: with `{name}`, the name of whoever's act it tells of, read
 * now from the account ("" for a deleted one, which reads as "deleted participant").
 */
export function noticeData(
  data: Record<string, string | number>,
  actor: { actorId: string | null; actorName: string | null; actorDeletedAt: Date | null },
): Record<string, string | number> {
  if (!actor.actorId) return data;
  return { ...data, name: actor.actorDeletedAt || actor.actorName === null ? "" : actor.actorName };
}
