// Support for a kind that keeps no supporter table of its own (agenda proposals next): residents
// with an account support a topic once, withdraw while it takes support, and the support module
// keeps the rows (`supports`), the counts, the thresholds, the mailings and the anonymisation. A
// kind declares `topicSupportPolicy({...})` in its server manifest and gets all of it, the fast
// path in front of Remix included. Names no kind.
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { supports, topics, users, type TopicKind } from "#db/schema";
import type { Locale, MessageKey } from "~/i18n";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";
import type { SessionUser } from "~/utils/auth.server";
import { db, sqlite, writeTogether, type DB, type Tx } from "~/utils/db.server";
import { countSupport, uncountSupport } from "./support.counts.server";
import type { SupportMailingWords, SupportOutcome, SupportPolicy, SupportThresholds, SupporterStore } from "./support.policy";

/** A topic as support sees it: what decides whether it may be read, supported and withdrawn from. */
export interface SupportedTopic {
  id: number;
  kind: TopicKind;
  status: string;
  authorId: string | null;
  isPublic: boolean;
  hidden: boolean;
  closesAt: Date | null;
  closedAt: Date | null;
  supportCount: number;
}

function findSupportedTopic(tx: DB | Tx, kind: TopicKind, id: number): SupportedTopic | undefined {
  return tx
    .select({
      id: topics.id, kind: topics.kind, status: topics.status, authorId: topics.authorId, isPublic: topics.isPublic, hidden: topics.hidden,
      closesAt: topics.closesAt, closedAt: topics.closedAt, supportCount: topics.supportCount,
    })
    .from(topics)
    .where(and(eq(topics.id, id), eq(topics.kind, kind)))
    .get();
}

let prepared: ReturnType<typeof prepareStatements> | undefined;
function prepareStatements() {
  const raw = sqlite();
  return {
    // The neighbourhood of the account's postcode ("1234AB": its four digits fall in a range).
    neighbourhood: raw.prepare<[string], { id: number }>(
      `SELECT n.id FROM users u JOIN neighbourhoods n ON CAST(substr(u.postcode, 1, 4) AS INTEGER) BETWEEN n.postcode_from AND n.postcode_to
       WHERE u.id = ? LIMIT 1`,
    ),
    insert: raw.prepare<[number, string, string, number | null, number, number], { id: number }>(
      `INSERT INTO supports (topic_id, user_id, status, neighbourhood_id, created_at, counted_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
    ),
  };
}
const statements = () => (prepared ??= prepareStatements());

/** What a kind says to take support with the support module's own supporter rows. */
export interface TopicSupportSpec {
  kind: TopicKind;
  segment: string;
  action: string;
  /** Through can(): who may see the topic at all. */
  mayRead(user: SessionUser | null, topic: SupportedTopic): boolean;
  /** Through can(): who may support it (eligibility: verified residents, age, ...). */
  maySupport(user: SessionUser, topic: SupportedTopic): boolean;
  /** Whether the topic takes support now (its status, its window); withdrawing is allowed only then too. */
  isOpen(topic: SupportedTopic, now: Date): boolean;
  thresholds: SupportThresholds<SupportedTopic>;
  /** counted / already / withdrawn: the toasts; closed: support or withdrawal asked for when it is not open. */
  messages: { counted: MessageKey; already: MessageKey; withdrawn: MessageKey; closed: MessageKey; notFound: MessageKey };
  mailing: SupportMailingWords;
  retention: { monthsAfterClose(): number };
}

/** The supporters kept in `supports`: account holders only, their address and language read from the account. */
export const topicSupporters: SupporterStore = {
  lastId: (tx) => tx.select({ id: sql<number | null>`max(${supports.id})` }).from(supports).get()?.id ?? 0,
  batch: (tx, q) =>
    tx
      .select({ id: supports.id, userId: supports.userId, email: users.email, name: users.displayName, locale: users.locale })
      .from(supports)
      .innerJoin(users, eq(users.id, supports.userId))
      .where(and(eq(supports.topicId, q.topicId), eq(supports.status, "counted"), gt(supports.id, q.after), lte(supports.id, q.upTo), lte(supports.countedAt, q.countedBy)))
      .orderBy(asc(supports.id))
      .limit(q.limit)
      .all()
      .map((row) => ({ ...row, locale: row.locale as Locale })),
  accountsAmong(tx, topicId, userIds, upTo) {
    const found = new Set<string>();
    for (let i = 0; i < userIds.length; i += 500) {
      const rows = tx
        .select({ id: supports.userId })
        .from(supports)
        .where(and(eq(supports.topicId, topicId), eq(supports.status, "counted"), lte(supports.id, upTo), inArray(supports.userId, userIds.slice(i, i + 500))))
        .all();
      for (const r of rows) found.add(r.id!);
    }
    return found;
  },
  anonymiseBatch(tx, topicId, limit, now) {
    const batch = tx
      .select({ id: supports.id })
      .from(supports)
      .where(and(eq(supports.topicId, topicId), isNull(supports.anonymisedAt)))
      .limit(limit)
      .all()
      .map((row) => row.id);
    if (batch.length === 0) return 0;
    tx.update(supports).set({ userId: null, anonymisedAt: now }).where(inArray(supports.id, batch)).run();
    return batch.length;
  },
};

/** The writes of one support, inside the caller's transaction: once per person, a repeat is the same request. */
function recordSupport(tx: Tx, spec: TopicSupportSpec, userId: string, topicId: number, now: Date): SupportOutcome {
  // Read inside the transaction that counts: the status and thresholds as they are now.
  const topic = findSupportedTopic(tx, spec.kind, topicId);
  if (!topic) return { ok: false, reason: spec.messages.notFound };
  if (!spec.isOpen(topic, now)) return { ok: false, reason: spec.messages.closed };
  const neighbourhoodId = statements().neighbourhood.get(userId)?.id ?? null;
  const inserted = statements().insert.get(topicId, userId, "counted", neighbourhoodId, now.getTime(), now.getTime());
  if (!inserted) {
    // Only the request that flips a withdrawn row back counts it; the neighbourhood is the one of now.
    const flipped = tx
      .update(supports)
      .set({ status: "counted", countedAt: now, withdrawnAt: null, neighbourhoodId })
      .where(and(eq(supports.topicId, topicId), eq(supports.userId, userId), eq(supports.status, "withdrawn")))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true };
  }
  countSupport(tx, spec.thresholds, topic, { topicId, neighbourhoodId, countedAt: now, now, supporterId: userId });
  return { ok: true, already: false };
}

/** A resident supports a topic now, in a transaction of its own. */
export function supportTopic(spec: TopicSupportSpec, user: Pick<SessionUser, "id">, topicId: number, now = new Date()): SupportOutcome {
  return db.transaction((tx) => recordSupport(tx, spec, user.id, topicId, now));
}

/**
 * A resident takes their support back while the topic still takes support: it stops counting (the
 * day and neighbourhood it counted in go down too). Withdrawing what does not count is the same
 * request again.
 */
export function withdrawTopicSupport(spec: TopicSupportSpec, user: Pick<SessionUser, "id">, topicId: number, now = new Date()): SupportOutcome {
  return db.transaction((tx): SupportOutcome => {
    const topic = findSupportedTopic(tx, spec.kind, topicId);
    if (!topic) return { ok: false, reason: spec.messages.notFound };
    if (!spec.isOpen(topic, now)) return { ok: false, reason: spec.messages.closed };
    const row = tx
      .select({ id: supports.id, neighbourhoodId: supports.neighbourhoodId, countedAt: supports.countedAt })
      .from(supports)
      .where(and(eq(supports.topicId, topicId), eq(supports.userId, user.id), eq(supports.status, "counted")))
      .get();
    if (!row) return { ok: true, already: true };
    const flipped = tx
      .update(supports)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(and(eq(supports.id, row.id), eq(supports.status, "counted")))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true };
    uncountSupport(tx, { topicId, neighbourhoodId: row.neighbourhoodId, countedAt: row.countedAt, now, supporterId: user.id });
    return { ok: true, already: false };
  });
}

/** The whole SupportPolicy of a kind whose supporters the support module keeps. */
export function topicSupportPolicy(spec: TopicSupportSpec): SupportPolicy<SupportedTopic, Record<string, never>> {
  return {
    segment: spec.segment,
    action: spec.action,
    find: (id) => findSupportedTopic(db, spec.kind, id),
    mayRead: spec.mayRead,
    maySupport: spec.maySupport,
    // One click: the form carries nothing but the button.
    parse: () => ({ ok: true, data: {} }),
    formProblem: () => "form.unknownIntent",
    supportTogether: (user, topic) => writeTogether((tx) => recordSupport(tx, spec, user.id, topic.id, new Date())),
    messages: { counted: spec.messages.counted, already: spec.messages.already },
    withdrawal: { withdraw: (user, topic) => withdrawTopicSupport(spec, user, topic.id), withdrawn: spec.messages.withdrawn },
    thresholds: spec.thresholds,
    supporters: topicSupporters,
    mailing: spec.mailing,
    retention: spec.retention,
  };
}

/**
 * A person's supports kept here, for download-my-data; on account deletion they lose the person
 * and keep counting (the counts of a topic do not change when someone leaves).
 */
export const supportPersonalData: PersonalDataSource = {
  name: "supports",
  collect: (reader, userId) =>
    reader
      .select({ topicId: supports.topicId, title: topics.title, status: supports.status, countedAt: supports.countedAt, withdrawnAt: supports.withdrawnAt })
      .from(supports)
      .innerJoin(topics, eq(topics.id, supports.topicId))
      .where(eq(supports.userId, userId))
      .all(),
  erasure: [
    untilNoneLeft("supports", (tx, { userId }, size) =>
      tx.update(supports)
        .set({ userId: null, anonymisedAt: new Date() })
        .where(inArray(supports.id, tx.select({ id: supports.id }).from(supports).where(eq(supports.userId, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
