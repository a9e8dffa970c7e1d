// The demo's agenda proposal the council has decided (issue #10): it reached its threshold, was on
// the agenda of the council meeting two weeks ago (db/seed/council.ts plans it), a councillor wrote
// a public position, and the council adopted it with a next step. Seeded after the council's part,
// so that part's choice of topics for its agendas stays as it was.
import { and, desc, eq, lt } from "drizzle-orm";
import { meetings, proposals } from "#db/schema";
import type { SeedContext } from "../seed";
import { findSessionUser } from "~/utils/auth.server";
import { db, sqlite } from "~/utils/db.server";
import { recordCouncilDecision } from "~/modules/council/council.decisions.server";
import { placeOnAgenda } from "~/modules/council/council.meetings.server";
import { writePosition } from "~/modules/council/council.positions.server";
import { decideAdmissibility, draftProposal, submitProposal } from "~/modules/proposals/proposals.server";
import { SUPPORTERS } from "~/modules/proposals/proposals.seed.server";
import { proposalSupportSpec } from "~/modules/proposals/proposals.support.server";
import { supportTopic } from "~/modules/support/support.topics.server";
import { mailSupportersBatch } from "~/modules/support/support.mailings.server";

const DAY = 86_400_000;

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`decided proposal seed: ${what} refused: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

export async function seedDecidedProposal(ctx: SeedContext): Promise<void> {
  const now = ctx.now.getTime();
  const ago = (days: number) => new Date(now - days * DAY);
  const clerk = findSessionUser(ctx.accounts.clerk)!;
  const councillor = findSessionUser(ctx.accounts.councillor)!;
  const anna = findSessionUser(ctx.accounts.resident)!;
  const meeting = db.select().from(meetings).where(and(eq(meetings.body, "council"), lt(meetings.startsAt, ctx.now))).orderBy(desc(meetings.startsAt)).get();
  if (!meeting) return;
  const firstOutboxId = (sqlite().prepare("SELECT coalesce(max(id), 0) AS id FROM email_outbox").get() as { id: number }).id;

  const drafted = must(
    draftProposal(anna, { title: "Meer bomen op het Stationsplein", decision: "De raad besluit op het Stationsplein twintig bomen te planten en de bestrating daarvoor aan te passen.", reasons: "Het plein is in de zomer heet en kaal.", neighbourhoodId: ctx.neighbourhoodIds.Centrum ?? null }, { now: ago(70) }),
    "drafting",
  ) as { topicId: number };
  const id = drafted.topicId;
  must(submitProposal(anna, id, ago(69)), "submitting");
  must(decideAdmissibility(clerk, id, { decision: { admissible: true }, note: "Ontvankelijk: de inrichting van de openbare ruimte is aan de raad.", earlierTopicId: null }, ago(66)), "admitting");
  // A demo threshold, as the other demo proposals have: the settings' own applies to new ones.
  db.update(proposals).set({ threshold: 7 }).where(eq(proposals.topicId, id)).run();
  for (const s of SUPPORTERS.slice(0, 7)) must(supportTopic(proposalSupportSpec, { id: s.id }, id, ago(40)), "supporting");

  const placedAt = new Date(meeting.startsAt.getTime() - 7 * DAY);
  const item = must(placeOnAgenda(clerk, meeting.id, { topicId: id, description: "Voorstel van inwoners, met voldoende steun." }, placedAt), "placing");
  must(writePosition(councillor, id, { body: "Meer groen in het centrum is hard nodig; ik steun dit voorstel.", visibility: "public" }, new Date(meeting.startsAt.getTime() - 2 * DAY)), "position");
  const decidedAt = new Date(meeting.startsAt.getTime() + 2 * 3_600_000);
  must(
    recordCouncilDecision(
      clerk,
      { meetingId: meeting.id, itemId: item.itemId },
      { decision: "adopted", body: "De raad neemt het voorstel over: op het Stationsplein komen twintig bomen.", decidedAt, nextStep: { description: "Het college legt een beplantingsplan voor aan de raad", dueAt: new Date(now + 45 * DAY) } },
      new Date(decidedAt.getTime() + DAY),
    ),
    "deciding",
  );
  // As with the rest of the demo's history: what was told then reached everyone long ago.
  while (mailSupportersBatch()) {
    // one batch of the supporter fan-out per transaction, until none is pending
  }
  sqlite().prepare("UPDATE email_outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending' AND id > ?").run(firstOutboxId);
}
