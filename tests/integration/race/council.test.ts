// Agenda proposals and the council with two server processes at once (tests/support/race.ts: both
// read before either writes): the threshold is reached once and the council hears of it once, and
// a decision is recorded, published and told once.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { councilArrivals, councilDecisions, notifications, outcomes, supports, topicEvents } from "#db/schema";
import { subscribeToCouncil } from "~/modules/council/council.positions.server";
import { db } from "~/utils/db.server";
import { meetingHeldYesterdayWith } from "../../support/council";
import { createPerson } from "../../support/fixtures";
import { raceTwice, type RaceOutcome } from "../../support/race";
import { ensureNeighbourhoods } from "../petitions/helpers";
import { clerk, makeProposal, proposalSettings, topicRow, verifiedResident } from "../proposals/helpers";

const scenario = (name: string) => `tests/integration/race/scenarios/${name}.ts`;

function expectBothOk(results: RaceOutcome[]) {
  for (const r of results) {
    expect(r.ok, r.ok ? "" : r.error).toBe(true);
    expect((r as { value: { ok: boolean } }).value.ok).toBe(true);
  }
}

beforeAll(() => ensureNeighbourhoods());

describe("two processes at once", () => {
  it("two residents bring a proposal to its threshold together: both count, the threshold is reached once, a subscribed councillor hears once", async () => {
    proposalSettings({ threshold: 2, days: 90, who: "verified-residents", age: 16 });
    const { id } = await makeProposal();
    const councillor = await createPerson({ roles: ["councillor"] });
    subscribeToCouncil({ id: councillor.id, roles: ["councillor"] });
    const [a, b] = [await verifiedResident(), await verifiedResident()];

    expectBothOk(await raceTwice(scenario("support-proposal"), [{ userId: a.id, topicId: id }, { userId: b.id, topicId: id }]));
    expect(topicRow(id)).toMatchObject({ status: "threshold-reached", supportCount: 2 });
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all()).toHaveLength(2);
    expect(db.select().from(topicEvents).where(and(eq(topicEvents.topicId, id), eq(topicEvents.type, "threshold-reached"))).all()).toHaveLength(1);
    expect(db.select().from(councilArrivals).where(eq(councilArrivals.topicId, id)).all()).toHaveLength(1);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, councillor.id), eq(notifications.topicId, id), eq(notifications.type, "council.notification.arrived"))).all()).toHaveLength(1);
  });

  it("one resident's double submit counts once", async () => {
    proposalSettings({ threshold: 50, days: 90, who: "verified-residents", age: 16 });
    const { id } = await makeProposal();
    const person = await verifiedResident();
    expectBothOk(await raceTwice(scenario("support-proposal"), [{ userId: person.id, topicId: id }, { userId: person.id, topicId: id }]));
    expect(topicRow(id).supportCount).toBe(1);
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all()).toHaveLength(1);
  });

  it("a decision recorded twice at once is one decision, one outcome, and its author is told once", async () => {
    proposalSettings({ threshold: 1, days: 90, who: "verified-residents", age: 16 });
    const { id, author } = await makeProposal();
    const { supportTopic } = await import("~/modules/support/support.topics.server");
    const { proposalSupportSpec } = await import("~/modules/proposals/proposals.support.server");
    expect(supportTopic(proposalSupportSpec, await verifiedResident(), id).ok).toBe(true);
    const { meetingId, itemId } = meetingHeldYesterdayWith(id);
    const theClerk = await clerk();
    const args = { userId: theClerk.id, meetingId, itemId, body: "De raad neemt het voorstel over." };

    expectBothOk(await raceTwice(scenario("record-decision"), [args, args]));
    expect(topicRow(id).status).toBe("decided");
    expect(db.select().from(councilDecisions).where(eq(councilDecisions.agendaItemId, itemId)).all()).toHaveLength(1);
    expect(db.select().from(outcomes).where(and(eq(outcomes.topicId, id), eq(outcomes.type, "council-decision"))).all()).toHaveLength(1);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.topicId, id), eq(notifications.type, "council.notification.decided.adopted"))).all()).toHaveLength(1);
  });
});
