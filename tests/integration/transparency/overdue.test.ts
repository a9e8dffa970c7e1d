import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { nextSteps, topics } from "#db/schema";
import { addNextStep, completeNextStep } from "~/modules/topics/outcomes.server";
import { listOverdueSteps } from "~/modules/topics/overdue.server";
import * as page from "~/routes/next-steps.overdue";
import { db } from "~/utils/db.server";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, makePetition } from "../petitions/helpers";

const DAY = 86_400_000;

async function stepOn(topicId: number, description: string, dueAt: Date, responsibleBody: string | null = "College van B&W") {
  const staff = actorOf(await clerk());
  const added = db.transaction((tx) => addNextStep(tx, { topicId, actor: staff, step: { description, responsibleBody, dueAt } }));
  if (!added.ok) throw new Error(added.reason);
  return added.stepId;
}

describe("overdue next steps in public", () => {
  it("lists every overdue step of a readable topic, most overdue first, with who is responsible and how many days late", async () => {
    // The list is the municipality's whole: look a century ahead, where only this test's steps are.
    const now = new Date(Date.UTC(2126, 0, 20, 12));
    const open = await makePetition({ title: "Petitie met te late stappen" });
    const hidden = await makePetition({ title: "Verborgen petitie met stap" });
    const late10 = await stepOn(open.id, "Plan voor de speeltuin", new Date(now.getTime() - 10 * DAY));
    const late2 = await stepOn(open.id, "Brief aan de bewoners", new Date(now.getTime() - 2 * DAY), null);
    const done = await stepOn(open.id, "Al gedaan", new Date(now.getTime() - 5 * DAY));
    await stepOn(open.id, "Nog niet aan de beurt", new Date(now.getTime() + 5 * DAY));
    await stepOn(hidden.id, "Onzichtbaar", new Date(now.getTime() - 3 * DAY));
    db.transaction((tx) => completeNextStep(tx, { topicId: open.id, stepId: done, actor: null }));
    db.update(topics).set({ hidden: true }).where(eq(topics.id, hidden.id)).run();

    const rows = listOverdueSteps({ now, cursor: null }).rows.filter((r) => r.dueAt > now.getTime() - 100 * DAY);
    expect(rows.map((r) => [r.stepId, r.description, r.responsibleBody, r.daysOverdue, r.title])).toEqual([
      [late10, "Plan voor de speeltuin", "College van B&W", 10, "Petitie met te late stappen"],
      [late2, "Brief aan de bewoners", null, 2, "Petitie met te late stappen"],
    ]);
  });

  it("pages by key, most overdue first, without repeats", async () => {
    const now = new Date(Date.UTC(2127, 0, 20, 12));
    const { id } = await makePetition();
    for (let i = 0; i < 7; i++) await stepOn(id, `Stap ${i}`, new Date(now.getTime() - (i + 1) * DAY - 1000));
    const first = listOverdueSteps({ now, cursor: null, size: 5 });
    expect(first.next).not.toBeNull();
    const firstDays = first.rows.map((r) => r.daysOverdue);
    expect(firstDays).toEqual([...firstDays].sort((a, b) => b - a));
    const all = [...first.rows];
    let cursor = first.next;
    while (cursor) {
      const more = listOverdueSteps({ now, cursor: { after: true, key: JSON.parse(Buffer.from(cursor, "base64url").toString()) }, size: 5 });
      all.push(...more.rows);
      cursor = more.next;
    }
    expect(new Set(all.map((r) => r.stepId)).size).toBe(all.length);
    expect(all.filter((r) => r.title.includes("") && r.topicId === id)).toHaveLength(7);
  });

  it("the page is public: anyone may read it, in words as well as numbers", async () => {
    const { id } = await makePetition({ title: "Petitie op de openbare lijst" });
    await stepOn(id, "Een stap die te laat is", new Date(Date.now() - 3 * DAY - 60_000), "Gemeenteraad");
    const visitor = await callRoute(page, { path: "/next-steps/overdue" });
    expect(visitor.status).toBe(200);
    const row = (visitor.data.rows as Array<{ description: string; daysOverdue: number; responsibleBody: string; path: string }>).find((r) => r.description === "Een stap die te laat is")!;
    expect(row).toMatchObject({ responsibleBody: "Gemeenteraad", path: `/petitions/${id}` });
    expect(row.daysOverdue).toBeGreaterThanOrEqual(3);
    await expectPermissions({ route: page, request: () => ({ path: "/next-steps/overdue" }), allowed: ["visitor", "resident", "clerk", "councillor", "admin"] });
    // A tampered cursor is the first page.
    expect((await callRoute(page, { path: "/next-steps/overdue?after=%%%" })).status).toBe(200);
    expect(db.select().from(nextSteps).where(eq(nextSteps.topicId, id)).all()).toHaveLength(1);
  });
});
