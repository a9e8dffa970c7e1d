// Issue 9 points 6 and 7: a guest has no profile, but every email sent them to /profile. From the
// confirmation email they now get a private link to their signature: withdraw it while the
// petition is open, stop emails about this petition, have their details erased, all signed out.
// And they hear of every step of the petition, not only the outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox, topics } from "#db/schema";
import { addPetitionNextStep, scheduleDebate } from "~/modules/petitions/petitions.lifecycle.server";
import { sendSignerMailings } from "../../support/mailings";
import * as manage from "~/routes/petitions.signature.$token";
import { db } from "~/utils/db.server";
import { hasOptedOut } from "~/utils/unsubscribe.server";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, CONFIRM_LINK, counts, drain, ensureNeighbourhoods, followLink, makePetition, setThresholds, signAsGuest, signaturesOf, uniqueEmail } from "./helpers";


const MANAGE_LINK = /https?:\/\/\S+\/petitions\/signature\/([A-Za-z0-9_-]+)/;

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});
afterAll(async () => {
  await mail.stop();
});

/** A guest signs and confirms; returns the token of their private link, from the confirmation email. */
async function guestSigns(topicId: number, email: string, confirm = true): Promise<{ token: string; text: string }> {
  await signAsGuest(topicId, email);
  await drain(mail);
  const text = mail.to(email).at(-1)!.text;
  if (confirm) await followLink(mail.linkTo(email, CONFIRM_LINK)!);
  return { token: MANAGE_LINK.exec(text)![1]!, text };
}

const view = (token: string) => callRoute(manage, { path: `/petitions/signature/${token}`, params: { token } });
const press = (token: string, intent: string) => callRoute(manage, { path: `/petitions/signature/${token}`, params: { token }, form: { intent } });

describe("a guest's confirmation email", () => {
  it("gives a private link to manage the signature and sends them to no /profile", async () => {
    const { id } = await makePetition();
    const { text } = await guestSigns(id, uniqueEmail("guest"));
    expect(text).toMatch(MANAGE_LINK);
    expect(text).not.toContain("/profile");
  });
});

describe("the private signature page", () => {
  it("shows the petition and changes nothing when opened; withdrawing stops the count and erases the details, signed out", async () => {
    const { id } = await makePetition();
    const { token } = await guestSigns(id, uniqueEmail("withdraw"));
    expect(counts(id).support).toBe(1);
    const opened = await view(token);
    expect(opened.status).toBe(200);
    expect(opened.data.view).toMatchObject({ topicId: id, pending: false, withdrawable: true, emailsStopped: false });
    expect(counts(id).support).toBe(1);

    const withdrawn = await press(token, "withdraw");
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.location).toBe(`/petitions/${id}`);
    expect(counts(id)).toEqual({ support: 0, daily: 0, hoods: 0, confirmed: 0 });
    expect(signaturesOf(id)[0]).toMatchObject({ status: "withdrawn", name: null, email: null, postcode: null, tokenHash: null });
    // The link dies with the details.
    expect((await view(token)).status).toBe(404);
    expect((await press(token, "withdraw")).status).toBe(404);
  });

  it("stops emails about this petition while the signature keeps counting", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("quiet");
    const { token } = await guestSigns(id, email);
    const stopped = await press(token, "stop-emails");
    expect(stopped.status).toBe(302);
    expect(hasOptedOut(email, id)).toBe(true);
    expect((await view(token)).data.view.emailsStopped).toBe(true);
    expect(addPetitionNextStep(actorOf(await clerk()), id, { description: "Het college maakt een plan." }).ok).toBe(true);
    while ((await sendSignerMailings()) > 0);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all().filter((m) => m.dedupeKey?.includes("next-step"))).toEqual([]);
    expect(counts(id).support).toBe(1);
  });

  it("erases the details on request, also after the close; the signature still counts, the link stops working", async () => {
    const { id } = await makePetition();
    const { token } = await guestSigns(id, uniqueEmail("erase"));
    db.update(topics).set({ status: "closed", closedAt: new Date() }).where(eq(topics.id, id)).run();
    expect((await view(token)).data.view.withdrawable).toBe(false);
    expect((await press(token, "withdraw")).status).toBe(422);
    expect(counts(id).support).toBe(1);

    const erased = await press(token, "erase");
    expect(erased.status).toBe(302);
    expect(signaturesOf(id)[0]).toMatchObject({ status: "confirmed", name: null, email: null, postcode: null, tokenHash: null });
    expect(counts(id).support).toBe(1);
    expect((await view(token)).status).toBe(404);
  });

  it("of an unconfirmed signature asks to confirm first and can erase it", async () => {
    const { id } = await makePetition();
    const { token } = await guestSigns(id, uniqueEmail("pending"), false);
    expect((await view(token)).data.view).toMatchObject({ pending: true });
    expect((await press(token, "erase")).status).toBe(302);
    expect(signaturesOf(id)).toEqual([]);
  });

  it("refuses a tampered link without a hint", async () => {
    expect((await view("x".repeat(43))).status).toBe(404);
    expect((await press("short", "erase")).status).toBe(404);
  });
});

describe("a guest who signed", () => {
  it("hears of every step by email: the debate scheduled and a next step, not only the outcome", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("steps");
    await guestSigns(id, email);
    const theClerk = actorOf(await clerk());
    expect(scheduleDebate(theClerk, id, { meetingAt: new Date(Date.now() + 7 * 86_400_000) }).ok).toBe(true);
    expect(addPetitionNextStep(theClerk, id, { description: "Het college maakt een plan." }).ok).toBe(true);
    while ((await sendSignerMailings()) > 0);
    const delivered = (await drain(mail)).filter((m) => m.to.includes(email));
    expect(delivered.some((m) => m.text.includes("raadsvergadering"))).toBe(true);
    expect(delivered.some((m) => m.text.includes("Het college maakt een plan."))).toBe(true);
    for (const m of delivered) {
      expect(m.text).toContain("/unsubscribe/");
      expect(m.text).not.toContain("/profile");
    }
  });
});
