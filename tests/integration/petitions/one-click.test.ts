import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { topicEvents, topics } from "#db/schema";
import { db } from "~/utils/db.server";
import * as sign from "~/routes/petitions.$id_.sign";
import { createPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { counts, ensureNeighbourhoods, makePetition, petitionRow, resident as residentWithPostcode, setThresholds } from "./helpers";

// POST /petitions/:id/sign, the resident's one-click form. server.js answers it on its hot path
// through the same answerSupport function (app/modules/support); these tests hold both to the same answers.
const post = (id: number, cookie: string | null, form: Record<string, string> = { intent: "sign" }) =>
  callRoute(sign, { path: `/petitions/${id}/sign`, params: { id: String(id) }, form, cookie });

beforeAll(() => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});

describe("the one-click signature", () => {
  it("counts once for a signed-in resident and thanks them, also when repeated", async () => {
    const { id } = await makePetition();
    const resident = await residentWithPostcode();
    const first = await post(id, resident.cookie);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/petitions/${id}`);
    expect(first.headers.get("Set-Cookie")).toContain("inspraak_toast=");
    const again = await post(id, resident.cookie);
    expect(again.status).toBe(302);
    expect(counts(id).support).toBe(1);
  });

  it("sends a visitor to sign in and back, and counts nothing", async () => {
    const { id } = await makePetition();
    const result = await post(id, null);
    expect(result.status).toBe(303);
    expect(result.location).toContain(`/sign-in?redirectTo=${encodeURIComponent(`/petitions/${id}`)}`);
    expect(counts(id).support).toBe(0);
  });

  it("refuses a closed petition with a message on the petition page, and changes nothing", async () => {
    const { id } = await makePetition();
    db.update(topics).set({ status: "closed", closedAt: new Date() }).where(eq(topics.id, id)).run();
    const result = await post(id, (await createPerson()).cookie);
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/petitions/${id}`);
    expect(result.headers.get("Set-Cookie")).toContain("inspraak_toast=");
    expect(counts(id).support).toBe(0);
  });

  it("is a 404 for a hidden petition and for a tampered id", async () => {
    const { id } = await makePetition();
    db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
    expect((await post(id, (await createPerson()).cookie)).status).toBe(404);
    expect((await post(99_999_999, (await createPerson()).cookie)).status).toBe(404);
    await expect(callRoute(sign, { path: "/petitions/abc/sign", params: { id: "abc" }, form: { intent: "sign" } })).resolves.toMatchObject({ status: 404 });
  });

  it("refuses an unknown intent and a person with an unconfirmed email without counting", async () => {
    const { id } = await makePetition();
    expect((await post(id, (await createPerson()).cookie, { intent: "withdraw" })).status).toBe(303);
    expect((await post(id, (await createPerson({ verified: false })).cookie)).status).toBe(303);
    expect(counts(id).support).toBe(0);
  });

  // Signatures that arrive together are committed together (writeTogether): each still counts once.
  it("counts 20 simultaneous clicks by one resident once", async () => {
    const { id } = await makePetition();
    const resident = await residentWithPostcode();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(id, resident.cookie)));
    // Thanked, or told to slow down by the per-person limit; never a second signature.
    expect(answers.every((a) => [302, 303].includes(a.status) && a.location === `/petitions/${id}`)).toBe(true);
    expect(answers[0].status).toBe(302);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });

  it("counts a crowd signing at once, every person once, and crosses each threshold once", async () => {
    setThresholds(10, 25);
    const { id } = await makePetition();
    setThresholds(500, 2000);
    const crowd = await Promise.all(Array.from({ length: 40 }, () => residentWithPostcode()));
    const answers = await Promise.all(crowd.flatMap((person) => [post(id, person.cookie), post(id, person.cookie)]));
    expect(answers.every((a) => a.status === 302 && a.location === `/petitions/${id}`)).toBe(true);
    expect(counts(id)).toEqual({ support: 40, daily: 40, hoods: 40, confirmed: 40 });
    expect(petitionRow(id).status).toBe("debate-scheduled");
    const crossed = db.select().from(topicEvents).where(eq(topicEvents.topicId, id)).all().filter((e) => e.type === "threshold-reached");
    expect(crossed).toHaveLength(2);
  });
});
