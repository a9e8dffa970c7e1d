// The participation index: what each person took part in, one row per person per topic, for
// every kind alike (docs/decisions/019-a-participation-index.md). The core writes it where people
// take part (following, commenting, counted support); a kind records its own ways (a ballot cast,
// an amendment proposed) with `tookPart` in the transaction of the act. My participation and the
// same section of download-my-data read it.
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { participations, topics, wayBit, waysOf, type ParticipationWay, type TopicKind } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";
import type { Translate } from "~/i18n";
import { db, sqlite, type DB, type Tx } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetPage } from "~/utils/keyset.server";
import type { Actor } from "~/utils/permissions";
import { LazyList, keysetRows } from "~/utils/stream.server";
import { readsTopic } from "./topics.permissions";

// Prepared once: `tookPart` runs inside every signature's group commit.
let prepared: ReturnType<typeof prepareStatements> | undefined;
function prepareStatements() {
  const raw = sqlite();
  return {
    // Acting on a topic counts as having seen it: seen_at moves up with last_at.
    took: raw.prepare<[{ user: string; topic: number; bit: number; at: number }]>(
      `INSERT INTO participations (user_id, topic_id, kind, ways, first_at, last_at, seen_at)
       SELECT @user, id, kind, @bit, @at, @at, @at FROM topics WHERE id = @topic
       ON CONFLICT (user_id, topic_id) DO UPDATE SET ways = ways | excluded.ways,
         last_at = max(last_at, excluded.last_at), seen_at = max(seen_at, excluded.seen_at)`,
    ),
    stopped: raw.prepare<[number, string, number]>("UPDATE participations SET ways = ways & ~? WHERE user_id = ? AND topic_id = ?"),
  };
}
const statements = () => (prepared ??= prepareStatements());

/** A person took part in a topic in one way; a repeat is the same request. Inside the act's own transaction. */
export function tookPart(_tx: DB | Tx, input: { userId: string; topicId: number; way: ParticipationWay; at: Date }): void {
  statements().took.run({ user: input.userId, topic: input.topicId, bit: wayBit(input.way), at: input.at.getTime() });
}

/** A person no longer takes part in that way (unfollowed, withdrew their support); other ways stay. */
export function stoppedTakingPart(_tx: DB | Tx, input: { userId: string; topicId: number; way: ParticipationWay }): void {
  statements().stopped.run(wayBit(input.way), input.userId, input.topicId);
}

/** One line of My participation: the topic, how the person took part, what happened last and since when. */
export interface ParticipationItem {
  topicId: number;
  kind: TopicKind;
  title: string;
  status: string;
  ways: ParticipationWay[];
  /** When something last happened on the topic's public timeline (or when the person joined, before anything did). */
  changedAt: number;
  /** Something happened since the person last saw the topic. */
  unread: boolean;
  outcome: { type: string; result: string | null; decidedAt: number } | null;
  nextStep: { description: string; responsibleBody: string | null; dueAt: number | null; status: string } | null;
}

export const PARTICIPATION_PAGE = 20;
export const PARTICIPATION_KEY = ["number", "number"] as const;

type Row = { topicId: number; kind: TopicKind; title: string; status: string; ways: number; seenAt: number; changedAt: number; isPublic: number; hidden: number; authorId: string | null };

/**
 * The person's topics they can still read, newest change first, one keyset page. The SQL keeps
 * what the shared read rule allows (public and visible, or their own); the one read rule, with a
 * kind's own visibility hook, has the last word per row, as on the topic's page. The change is the
 * newest public timeline event, read per topic from the end of `topic_events_topic_idx`; the page
 * is ordered over the person's own rows only (their index), so it costs what the person took part
 * in, never what anyone else did.
 */
export function listParticipation(reader: Actor, options: { kind?: TopicKind | null; cursor: PageCursor | null; size?: number }) {
  const userId = reader.id;
  const size = options.size ?? PARTICIPATION_PAGE;
  const backwards = options.cursor !== null && !options.cursor.after;
  const where = options.cursor ? (backwards ? "WHERE (changedAt, topicId) > (@k0, @k1)" : "WHERE (changedAt, topicId) < (@k0, @k1)") : "";
  const order = backwards ? "ASC" : "DESC";
  // The person's rows are ordered by their keys alone; the page's rows then get their words.
  const rows = sqlite()
    .prepare(
      `WITH mine AS (
         SELECT p.topic_id AS topicId, p.ways AS ways, p.seen_at AS seenAt,
                coalesce((SELECT e.created_at FROM topic_events e WHERE e.topic_id = p.topic_id AND e.is_public = 1
                          ORDER BY e.created_at DESC LIMIT 1), p.first_at) AS changedAt
           FROM participations p JOIN topics t ON t.id = p.topic_id
          WHERE p.user_id = @user AND p.ways <> 0 ${options.kind ? "AND p.kind = @kind" : ""}
            AND ((t.is_public = 1 AND t.hidden = 0) OR t.author_id = @user)),
       page AS (SELECT * FROM mine ${where} ORDER BY changedAt ${order}, topicId ${order} LIMIT @limit)
       SELECT page.topicId, t.kind, t.title, t.status, page.ways, page.seenAt, page.changedAt,
              t.is_public AS isPublic, t.hidden, t.author_id AS authorId
         FROM page JOIN topics t ON t.id = page.topicId
        ORDER BY page.changedAt ${order}, page.topicId ${order}`,
    )
    .all({
      user: userId,
      limit: size + 1,
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.cursor ? { k0: options.cursor.key[0], k1: options.cursor.key[1] } : {}),
    }) as Row[];
  // The cursors come from the rows read, so a row the read rule leaves out still moves the page on.
  const page = keysetPage(rows, size, options.cursor, (r) => [r.changedAt, r.topicId]);
  const readable = page.rows.filter((r) => readsTopic(reader, { kind: r.kind, isPublic: r.isPublic === 1, hidden: r.hidden === 1, authorId: r.authorId }));
  return { ...page, rows: readable.map((row) => withLatest(row)) };
}

/**
 * The words of one line, in the reader's language: each kind names its own states and its own word
 * for support (`<kind>.status.<status>`, `<kind>.participation.supported`), else the core's word.
 */
export function participationWords(t: Translate, item: ParticipationItem) {
  const named = (key: string, fallback: string | null) => (t.has(key) ? t(key) : fallback);
  return {
    kindLabel: t(`topic.kind.${item.kind}`),
    statusLabel: named(`${item.kind}.status.${item.status}`, null),
    wayLabels: item.ways.map((way) => named(`${item.kind}.participation.${way}`, t(`participation.way.${way}`))!),
    outcomeLabel: item.outcome ? named(`outcome.type.${item.outcome.type}`, item.outcome.type) : null,
  };
}

/** The latest outcome and the first open next step of one topic of the page (two indexed reads). */
function withLatest(row: Row): ParticipationItem {
  const raw = sqlite();
  const outcome = raw
    .prepare("SELECT type, result, decided_at AS decidedAt FROM outcomes WHERE topic_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1")
    .get(row.topicId) as ParticipationItem["outcome"] | undefined;
  const nextStep = raw
    .prepare(
      `SELECT description, responsible_body AS responsibleBody, due_at AS dueAt, status FROM next_steps
        WHERE topic_id = ? AND status <> 'done' ORDER BY due_at IS NULL, due_at, id LIMIT 1`,
    )
    .get(row.topicId) as ParticipationItem["nextStep"] | undefined;
  return {
    topicId: row.topicId, kind: row.kind, title: row.title, status: row.status, ways: waysOf(row.ways), changedAt: row.changedAt,
    unread: row.changedAt > row.seenAt, outcome: outcome ?? null, nextStep: nextStep ?? null,
  };
}

/**
 * The person has seen what happened on one topic, or (no topic) on all of them, up to now. A topic
 * that is not in their overview is refused, so a stray id changes nothing.
 */
export function markParticipationSeen(userId: string, topicId: number | null, now = new Date()): { ok: true } | { ok: false; reason: "participation.unknownTopic" } {
  const changed = db
    .update(participations)
    .set({ seenAt: now })
    .where(topicId === null ? eq(participations.userId, userId) : and(eq(participations.userId, userId), eq(participations.topicId, topicId)))
    .run().changes;
  return topicId !== null && changed === 0 ? { ok: false, reason: "participation.unknownTopic" } : { ok: true };
}

/** My participation in download-my-data, read a page at a time; erased with the account. */
export const participationPersonalData: PersonalDataSource = {
  name: "participation",
  collect: (reader, userId) =>
    new LazyList(() =>
      keysetRows(
        (after, limit) =>
          reader
            .select({ topicId: participations.topicId, kind: participations.kind, title: topics.title, status: topics.status, ways: participations.ways, firstAt: participations.firstAt, lastAt: participations.lastAt })
            .from(participations)
            .innerJoin(topics, eq(topics.id, participations.topicId))
            .where(and(eq(participations.userId, userId), gt(participations.topicId, after)))
            .orderBy(asc(participations.topicId))
            .limit(limit)
            .all()
            .map((row) => ({ ...row, ways: waysOf(row.ways) })),
        (row) => row.topicId,
      ),
    ),
  erasure: [
    untilNoneLeft("participation", (tx, { userId }, size) =>
      tx.delete(participations)
        .where(
          and(
            eq(participations.userId, userId),
            inArray(participations.topicId, tx.select({ id: participations.topicId }).from(participations).where(eq(participations.userId, userId)).limit(size)),
          ),
        )
        .run().changes,
    ),
  ],
};
