import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { emailOutbox, notificationPreferences, notifications, topics, users, type NoticeCategory } from "#db/schema";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { NOTICE_CATEGORIES, type EmailPreference } from "#db/schema";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { db, type DB, type Tx } from "~/utils/db.server";
import { enqueueEmail, escapeHtml } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import { formatNoticeParams, noticeSubject } from "./notice-format";
import { UNREAD_CAP, noticeData } from "./notifications.rules";

export interface Notice {
  /** A message key that reads as one line, e.g. "notification.petition.responded" ("{title} has been answered"). */
  type: MessageKey;
  topicId?: number | null;
  data?: Record<string, string | number>;
  /** Path on this site that the notice links to, e.g. "/petitions/12". */
  link?: string;
  /** Distinguishes repeats of the same event, so enqueueing twice mails once (e.g. "response:12"). */
  eventKey?: string;
  /** What the notice is about (e.g. "comment:12"): `withdrawNotices` takes it back by this. */
  concerns?: string;
  /**
   * Whose act it tells of: their name is the notice's `{name}`, read from the account whenever
   * the notice is shown (and written only into the mail), so it never outlives a deletion.
   */
  actorId?: string | null;
  /** Which kind of event it is, for the person's choice per kind (immediately, digest, off); without one, their general preference. */
  category?: NoticeCategory;
}

/**
 * Tells people about a topic event: an inbox row for each, and email by their preference
 * (immediately, in the daily digest, or not). Call inside the transaction of the change.
 * Deleted and blocked people and the actor themselves are skipped by the caller's choice of ids.
 */
export function notify(tx: DB | Tx, userIds: Iterable<string>, notice: Notice): number {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  let count = 0;
  const actorName = notice.actorId
    ? (tx.select({ name: users.displayName }).from(users).where(eq(users.id, notice.actorId)).get()?.name ?? "")
    : null;
  const mailData = actorName === null ? notice.data : { ...notice.data, name: actorName };
  // Chunk to stay well under SQLite's variable limit on very large audiences.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const people = tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        emailPreference: users.emailPreference,
        emailVerifiedAt: users.emailVerifiedAt,
      })
      .from(users)
      .where(and(inArray(users.id, chunk), isNull(users.deletedAt)))
      .all();
    const chosen = notice.category ? channelsChosen(tx, chunk, notice.category) : new Map<string, EmailPreference>();
    for (const person of people) {
      // One channel per person and event: the inbox always, and email now, in the digest, or not.
      const channel = chosen.get(person.id) ?? person.emailPreference;
      const mail = channel === "immediate" && person.email && person.emailVerifiedAt;
      tx.insert(notifications)
        .values({
          userId: person.id,
          topicId: notice.topicId ?? null,
          type: notice.type,
          data: { ...notice.data, ...(notice.link ? { link: notice.link } : {}) },
          actorId: notice.actorId ?? null,
          concerns: notice.concerns ?? null,
          digestPending: channel === "digest",
        })
        .run();
      if (mail) {
        mailNotice(tx, { to: person.email!, locale: person.locale, name: person.displayName, account: true }, { ...notice, data: mailData }, notice.eventKey ? `${notice.eventKey}:${person.id}` : undefined);
      }
      count++;
    }
  }
  return count;
}

/**
 * How each of these people is to hear of an event of this kind by email: what they chose for the
 * kind, else their general preference (as `notify` decides). For mail sent beside a notice with the
 * notice's own dedupe key (the full text of an outcome), so that it follows the same choice.
 */
export function emailChannels(tx: DB | Tx, userIds: readonly string[], category: NoticeCategory | undefined): Map<string, EmailPreference> {
  const channels = new Map<string, EmailPreference>();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    const chosen = category ? channelsChosen(tx, chunk, category) : new Map<string, EmailPreference>();
    for (const person of tx.select({ id: users.id, preference: users.emailPreference }).from(users).where(inArray(users.id, chunk)).all()) {
      channels.set(person.id, chosen.get(person.id) ?? person.preference);
    }
  }
  return channels;
}

/** What these people chose for one kind of event, where they chose something other than their general preference. */
function channelsChosen(tx: DB | Tx, userIds: string[], category: NoticeCategory): Map<string, EmailPreference> {
  const rows = tx
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.category, category), inArray(notificationPreferences.userId, userIds)))
    .all();
  return new Map(rows.map((row) => [row.userId, row.channel]));
}

/** A person's channel per kind of event: what they chose, else their general email preference. */
export function notificationChoices(userId: string): Record<NoticeCategory, EmailPreference> {
  const general = db.select({ preference: users.emailPreference }).from(users).where(eq(users.id, userId)).get()?.preference ?? "immediate";
  const chosen = new Map(
    db.select({ category: notificationPreferences.category, channel: notificationPreferences.channel }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all().map((r) => [r.category, r.channel]),
  );
  return Object.fromEntries(NOTICE_CATEGORIES.map((category) => [category, chosen.get(category) ?? general])) as Record<NoticeCategory, EmailPreference>;
}

/** Stores a person's channel per kind of event (all of them at once, as the form sends them). */
export function chooseNotificationChannels(userId: string, choices: Record<NoticeCategory, EmailPreference>): { ok: true } {
  db.transaction((tx) => {
    for (const category of NOTICE_CATEGORIES) {
      tx.insert(notificationPreferences)
        .values({ userId, category, channel: choices[category] })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.category], set: { channel: choices[category] } })
        .run();
    }
  });
  return { ok: true };
}

/**
 * A notice as an email, formatted for the recipient's language as the inbox shows it, with a short
 * subject (notice-format.ts). For account holders by their preference (notify), and for people
 * known only by the address they signed or supported with, who have no inbox.
 */
export function mailNotice(
  tx: DB | Tx,
  to: { to: string; locale: Locale; name?: string | null; account: boolean },
  notice: Notice,
  dedupeKey: string | undefined,
): void {
  enqueueEmail(tx, {
    ...to,
    subject: "notification.email.subjectLine",
    params: { subject: noticeSubject(translator(to.locale), notice.type, notice.data) },
    paragraphs: [[notice.type, formatNoticeParams(translator(to.locale), notice.data)]],
    action: notice.link ? { label: "notification.open", url: `${env().BASE_URL}${notice.link}` } : undefined,
    dedupeKey,
    topicId: notice.topicId ?? undefined,
    concerns: notice.concerns,
    actorId: notice.actorId,
  });
}

/**
 * Takes back what was said about things that are now hidden or gone (`concerns`, e.g.
 * "comment:12"): the inbox lines (and so the daily digest) and any mail about them still waiting
 * in the outbox. Both are found through their own indexed column.
 */
export function withdrawNotices(tx: DB | Tx, concerns: string[]): void {
  for (let i = 0; i < concerns.length; i += 500) {
    const chunk = concerns.slice(i, i + 500);
    tx.delete(notifications).where(inArray(notifications.concerns, chunk)).run();
    tx.delete(emailOutbox).where(and(inArray(emailOutbox.concerns, chunk), eq(emailOutbox.status, "pending"))).run();
  }
}

/**
 * A person deleted their account: the mail that names them (notices of their comments, written
 * with their name) names "deleted participant" instead, in the mail's own language. Inbox rows
 * need nothing: they read the name from the account when shown. At most `size` messages, found
 * through the index of mail by actor; returns how many.
 */
export function eraseActorFromMail(tx: Tx, actorId: string, name: string | null, size: number): number {
  const ids = tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.actorId, actorId)).limit(size).all().map((m) => m.id);
  if (ids.length === 0) return 0;
  const label = { nl: translator("nl")("topic.deletedParticipant"), en: translator("en")("topic.deletedParticipant") };
  const replaced = (column: SQLiteColumn, escape: boolean) =>
    sql`replace(${column}, ${escape ? escapeHtml(name ?? "") : name ?? ""}, CASE WHEN ${emailOutbox.html} LIKE '%<html lang="en">%' THEN ${escape ? escapeHtml(label.en) : label.en} ELSE ${escape ? escapeHtml(label.nl) : label.nl} END)`;
  // Without the actor the mail is done with here (and may go out: delivery holds mail whose actor is being erased).
  tx.update(emailOutbox)
    .set(name ? { subject: replaced(emailOutbox.subject, false), text: replaced(emailOutbox.text, false), html: replaced(emailOutbox.html, true), actorId: null } : { actorId: null })
    .where(inArray(emailOutbox.id, ids))
    .run();
  return ids.length;
}

/** The columns `noticeData` needs, for a query that left-joins `noticeActors` on the notice's actor. */
export const noticeActors = alias(users, "notice_actor");
export const noticeActorColumns = { actorId: notifications.actorId, actorName: noticeActors.displayName, actorDeletedAt: noticeActors.deletedAt };

/**
 * Whether a notice may be shown (or mailed in the digest), with `topics` left-joined on its topic:
 * notices about a hidden topic disappear (DESIGN: hidden content disappears from notifications)
 * and come back when it is restored. Notices without a topic always show, and so do those to the
 * topic's own author, whom moderation tells why it was hidden.
 */
export function visibleNotice(): SQL {
  return or(isNull(notifications.topicId), isNull(topics.id), eq(topics.hidden, false), eq(topics.authorId, notifications.userId))!;
}

export function listNotifications(userId: string, limit = 50) {
  return db
    .select({ notification: notifications, actor: noticeActorColumns })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .leftJoin(noticeActors, eq(noticeActors.id, notifications.actorId))
    .where(and(eq(notifications.userId, userId), visibleNotice()))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all()
    .map((row) => ({ ...row.notification, data: noticeData(row.notification.data, row.actor) }));
}

/**
 * Unread notices, counted up to `cap` (the badge says "99+" beyond it): every signed-in page asks,
 * so it reads at most `cap` rows of the unread index, however full the inbox.
 */
export function countUnread(userId: string, cap = UNREAD_CAP): number {
  const unread = db
    .select({ one: sql`1` })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), visibleNotice()))
    .limit(cap)
    .as("unread");
  return db.select({ n: sql<number>`count(*)` }).from(unread).get()?.n ?? 0;
}

/** Marks what the inbox shows as read; notices of a hidden topic come back unread if it is restored. */
export function markAllRead(userId: string): void {
  const shown = db
    .select({ id: notifications.id })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), visibleNotice()));
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), inArray(notifications.id, shown)))
    .run();
}
