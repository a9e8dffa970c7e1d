// The council's part of the demo municipality: a council meeting two weeks ago that decided one
// topic awaiting the council (with a next step), a committee meeting ahead with another on its
// agenda, and councillors' positions. It takes whatever topics of any kind await the council,
// least supported first for the decision (its mailing stays small), so it never names a kind.
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
    .orderBy(asc(topics.supportCount), asc(topics.id))
    .all();
  const firstOutboxId = (sqlite().prepare("SELECT coalesce(max(id), 0) AS id FROM email_outbox").get() as { id: number }).id;

  // A council meeting two weeks ago: opened, one topic decided.
  const past = must(createMeeting(clerk, { body: "council", title: "Raadsvergadering", startsAt: at(now, -14, 20), place: "Raadzaal, stadhuis", isPublic: true }, new Date(now - 30 * DAY)), "plan the past meeting");
  must(placeOnAgenda(clerk, past.meetingId, { title: "Opening en mededelingen" }, new Date(now - 21 * DAY)), "opening");
  const decided = awaiting[0];
  if (decided) {
    const item = must(placeOnAgenda(clerk, past.meetingId, { topicId: decided.id, description: "Bespreking naar aanleiding van het aantal handtekeningen." }, new Date(now - 21 * DAY)), "place the decided topic");
    must(writePosition(councillor, decided.id, { body: "Een goed voorstel dat veel steun heeft in de buurt. Ik steun het.", visibility: "public" }, new Date(now - 16 * DAY)), "position");
    must(
      recordCouncilDecision(
        clerk,
        { meetingId: past.meetingId, itemId: item.itemId },
        {
          decision: "adopted",
          body: "De raad neemt het verzoek over en draagt het college op het binnen een jaar uit te voeren.",
          decidedAt: at(now, -14, 22),
          nextStep: { description: "Het college legt een uitvoeringsplan voor aan de raad", dueAt: new Date(now + 90 * DAY) },
        },
        new Date(now - 14 * DAY + 3 * 3600_000),
      ),
      "decide",
    );
  }

  // A committee meeting ahead, with what else awaits the council on its agenda.
  const ahead = must(createMeeting(clerk, { body: "committee", title: "Commissie Ruimte en Wonen", startsAt: at(now, 10, 19), place: "Commissiekamer 2, stadhuis", isPublic: true }, new Date(now - 2 * DAY)), "plan the committee");
  must(placeOnAgenda(clerk, ahead.meetingId, { title: "Vaststellen van de agenda" }, new Date(now - 2 * DAY)), "agenda");
  for (const topic of awaiting.slice(1, 3)) {
    must(placeOnAgenda(clerk, ahead.meetingId, { topicId: topic.id }, new Date(now - DAY)), "place a topic");
    must(writePosition(councillor, topic.id, { body: "Ik wil eerst weten wat dit kost en wie het uitvoert. Vragen aan de wethouder voorbereiden.", visibility: "internal" }, new Date(now - DAY)), "internal position");
    must(markReviewed(councillor, topic.id, new Date(now - DAY)), "reviewed");
  }
  must(createMeeting(clerk, { body: "council", title: "Raadsvergadering", startsAt: at(now, 24, 20), place: "Raadzaal, stadhuis", isPublic: true }, new Date(now - DAY)), "plan the next council meeting");

  // As with the petitions' history: what was told then reached everyone long ago.
  while (mailSupportersBatch()) {
    // one batch of the supporter fan-out per transaction, until none is pending
  }
  sqlite().prepare("UPDATE email_outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending' AND id > ?").run(firstOutboxId);
}
