// Supporting or opposing an amendment once, when the same person's presses land on two server
// processes at the same moment (both read before either writes: tests/support/race.ts).
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { participations, supportStances } from "#db/schema";
import { wayBit } from "#db/schema/participations.constants";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { raceTwice } from "../../support/race";
import { amend, amendmentRow, openBylaw } from "./helpers";

const SCENARIO = "tests/integration/race/scenarios/take-amendment-stance.ts";

async function amendment() {
  const { topicId, articleIds } = await openBylaw();
  const amendmentId = amend(await createPerson(), { topicId, articleId: articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Dit regelt de APV al." });
  return { topicId, amendmentId };
}

const stancesOf = (userId: string, amendmentId: number) => db.select().from(supportStances).where(and(eq(supportStances.userId, userId), eq(supportStances.subjectId, amendmentId))).all();

describe("a stance taken from two processes at once", () => {
  it("the same press twice counts once, both answered as done, and the person took part once", async () => {
    const { topicId, amendmentId } = await amendment();
    const jan = await createPerson();
    const results = await raceTwice(SCENARIO, [
      { userId: jan.id, topicId, amendmentId, stance: "support" },
      { userId: jan.id, topicId, amendmentId, stance: "support" },
    ]);
    for (const r of results) expect(r).toMatchObject({ ok: true, value: { ok: true } });
    expect(stancesOf(jan.id, amendmentId)).toHaveLength(1);
    expect(amendmentRow(amendmentId)).toMatchObject({ supportCount: 1, opposeCount: 0 });
    const row = db.select().from(participations).where(and(eq(participations.userId, jan.id), eq(participations.topicId, topicId))).get()!;
    expect(row.ways & wayBit("stance")).toBe(wayBit("stance"));
  });

  it("support and oppose pressed at once leave one stance, counted once, whichever came last", async () => {
    const { topicId, amendmentId } = await amendment();
    const jan = await createPerson();
    const results = await raceTwice(SCENARIO, [
      { userId: jan.id, topicId, amendmentId, stance: "support" },
      { userId: jan.id, topicId, amendmentId, stance: "oppose" },
    ]);
    for (const r of results) expect(r).toMatchObject({ ok: true, value: { ok: true } });
    const rows = stancesOf(jan.id, amendmentId);
    expect(rows).toHaveLength(1);
    const counts = amendmentRow(amendmentId);
    expect(counts.supportCount + counts.opposeCount).toBe(1);
    expect(rows[0]!.stance === "support" ? counts.supportCount : counts.opposeCount).toBe(1);
  });
});
