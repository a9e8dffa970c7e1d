// The council's part of the demo municipality: a council meeting two weeks ago that referred the
// first topic awaiting the council back (with a next step), a committee meeting ahead with it on
// its agenda again, and councillors' positions (public and internal). It takes whatever topics of
// any kind await the council, the least supported of those with support first (its mailing stays
// small): it names no kind.
import { and, asc, eq, sql } from "drizzle-orm";
import { topics } from "#db/schema";
import type { SeedContext } from "../seed";
import { findSessionUser } from "~/utils/auth.server";
import { db, sqlite } from "~/utils/db.server";
import { recordCouncilDecision } from "~/modules/council/council.decisions.server";
import { awaitingSegments, createMeeting, placeOnAgenda } from "~/modules/council/council.meetings.server";
import { markReviewed, writePosition } from "~/modules/council/council.positions.server";
import { mailSupportersBatch } from "~/modules/support/support.mailings.server";

const DAY = 86_400_000;

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`council seed: ${what} refused: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

/** A moment on a day relative to now, at an hour on the town hall clock (approximately: seed data). */
function at(now: number, days: number, hour: number): Date {
  const d = new Date(now + days * DAY);
  d.setUTCHours(hour - 1, 0, 0, 0);
  return d;
}

export async function seedCouncil(ctx: SeedContext): Promise<void> {
  const now = ctx.now.getTime();
  const clerk = findSessionUser(ctx.accounts.clerk)!;
  const councillor = findSessionUser(ctx.accounts.councillor)!;
  const segments = awaitingSegments();
  if (segments.length === 0) return;
  const awaiting = db
    .select({ id: topics.id, title: topics.title })
    .from(topics)
    .where(and(sql`(${topics.kind}, ${topics.status}) IN (${sql.join(segments.map((s) => sql`(${s.kind}, ${s.status})`), sql`, `)})`, eq(topics.hidden, false)))
    // Topics residents supported come first (a closed vote awaits the council with no supporters).
    .orderBy(sql`${topics.supportCount} = 0`, asc(topics.supportCount), asc(topics.id))
    .all();
  const firstOutboxId = (sqlite().prepare("SELECT coalesce(max(id), 0) AS id FROM email_outbox").get() as { id: number }).id;

  // A council meeting two weeks ago: the first topic awaiting the council was discussed and
  // referred back for more information, with a next step; it awaits the council again.
  const past = must(createMeeting(clerk, { body: "council", title: "Raadsvergadering", startsAt: at(now, -14, 20), place: "Raadzaal, stadhuis", isPublic: true }, new Date(now - 30 * DAY)), "plan the past meeting");
  must(placeOnAgenda(clerk, past.meetingId, { title: "Opening en mededelingen" }, new Date(now - 21 * DAY)), "opening");
  const [first, ...rest] = awaiting;
  if (first) {
    const item = must(placeOnAgenda(clerk, past.meetingId, { topicId: first.id, description: "Bespreking naar aanleiding van de steun uit de buurt." }, new Date(now - 21 * DAY)), "place the first topic");
    must(writePosition(councillor, first.id, { body: "Een goed verzoek met veel steun in de buurt. Ik wil weten wat het kost voordat we besluiten.", visibility: "public" }, new Date(now - 16 * DAY)), "position");
    must(
      recordCouncilDecision(
        clerk,
        { meetingId: past.meetingId, itemId: item.itemId },
        {
          decision: "referred",
          body: "De raad verwijst het verzoek terug naar de commissie Ruimte en Wonen en vraagt het college om een kostenraming.",
          decidedAt: at(now, -14, 22),
          nextStep: { description: "Het college stuurt de commissie een kostenraming", dueAt: new Date(now + 8 * DAY) },
        },
        new Date(now - 14 * DAY + 3 * 3600_000),
      ),
      "refer back",
    );
  }

  // The committee meets in ten days, with what awaits the council on its agenda.
  const ahead = must(createMeeting(clerk, { body: "committee", title: "Commissie Ruimte en Wonen", startsAt: at(now, 10, 19), place: "Commissiekamer 2, stadhuis", isPublic: true }, new Date(now - 2 * DAY)), "plan the committee");
  must(placeOnAgenda(clerk, ahead.meetingId, { title: "Vaststellen van de agenda" }, new Date(now - 2 * DAY)), "agenda");
  for (const topic of [first, ...rest.slice(0, 2)]) {
    if (!topic) continue;
    must(placeOnAgenda(clerk, ahead.meetingId, { topicId: topic.id, description: "Met de kostenraming van het college." }, new Date(now - DAY)), "place a topic");
    must(writePosition(councillor, topic.id, { body: "Vragen aan de wethouder voorbereiden: wie voert het uit, en wanneer?", visibility: "internal" }, new Date(now - DAY)), "internal position");
    must(markReviewed(councillor, topic.id, new Date(now - DAY)), "reviewed");
  }
  must(createMeeting(clerk, { body: "council", title: "Raadsvergadering", startsAt: at(now, 24, 20), place: "Raadzaal, stadhuis", isPublic: true }, new Date(now - DAY)), "plan the next council meeting");

  // As with the petitions' history: what was told then reached everyone long ago.
  while (mailSupportersBatch()) {
    // one batch of the supporter fan-out per transaction, until none is pending
  }
  sqlite().prepare("UPDATE email_outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending' AND id > ?").run(firstOutboxId);
}
