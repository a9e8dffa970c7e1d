// Issue 9 point 6, the shared part: every email carries a one-click unsubscribe link and the
// RFC 8058 List-Unsubscribe / List-Unsubscribe-Post headers; the link works signed out, stops only
// the mail of the person and topic it was made for, and guests are not sent to a /profile they
// do not have.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox, users } from "#db/schema";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { addPetitionNextStep } from "~/modules/petitions/petitions.lifecycle.server";
import { sendSignerMailings } from "../../support/mailings";
import * as unsubscribe from "~/routes/unsubscribe.$token";
import { db } from "~/utils/db.server";
import { hasOptedOut, readUnsubscribeToken } from "~/utils/unsubscribe.server";
import { startMailCatcher } from "../../support/mail";
import { createPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, CONFIRM_LINK, drain, ensureNeighbourhoods, followLink, makePetition, setThresholds, signAsGuest, uniqueEmail } from "../petitions/helpers";


const UNSUBSCRIBE = /https?:\/\/\S+\/unsubscribe\/([A-Za-z0-9_-]+)/;

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});
afterAll(async () => {
  await mail.stop();
});

/** A guest signs and confirms; returns the confirmation mail as delivered. */
async function guestSigns(topicId: number, email: string) {
  await signAsGuest(topicId, email);
  const [confirmation] = (await drain(mail)).filter((m) => m.to.includes(email));
  await followLink(mail.linkTo(email, CONFIRM_LINK)!);
  return mail.messages.find((m) => m.to.includes(email) && m.subject === confirmation!.subject)!;
}

const open = (token: string) => callRoute(unsubscribe, { path: `/unsubscribe/${token}`, params: { token } });
/** What a mail program sends for RFC 8058: a POST with List-Unsubscribe=One-Click, no cookie, no session. */
const oneClick = (token: string) => callRoute(unsubscribe, { path: `/unsubscribe/${token}`, params: { token }, form: { "List-Unsubscribe": "One-Click" } });

describe("every email", () => {
  it("carries the one-click unsubscribe link in its footer and the RFC 8058 headers; a guest's names no /profile", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("guest");
    const confirmation = await guestSigns(id, email);
    expect(confirmation.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/localhost:3000\/unsubscribe\/[A-Za-z0-9_-]+>/m);
    expect(confirmation.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(confirmation.text).toMatch(UNSUBSCRIBE);
    expect(confirmation.text).not.toContain("/profile");
    expect(confirmation.html).toContain("/unsubscribe/");
  });

  it("to an account holder also names the profile's preferences, and carries the headers too", async () => {
    const person = await createPerson();
    requestPasswordReset(person.email);
    const [reset] = (await drain(mail)).filter((m) => m.to.includes(person.email));
    expect(reset!.text).toContain("/profile");
    const raw = mail.messages.find((m) => m.to.includes(person.email))!.raw;
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  });
});

describe("the unsubscribe link", () => {
  it("works signed out, changes nothing when opened, and stops only that person's mail about that topic", async () => {
    const first = await makePetition();
    const second = await makePetition();
    const alice = uniqueEmail("alice");
    const bob = uniqueEmail("bob");
    const token = UNSUBSCRIBE.exec((await guestSigns(first.id, alice)).text)![1]!;
    await guestSigns(second.id, alice);
    await guestSigns(first.id, bob);

    // Opening the link (a mail filter does) shows what it stops, and records nothing.
    const opened = await open(token);
    expect(opened.status).toBe(200);
    expect(opened.data).toMatchObject({ ok: true, done: false, everyTopic: false });
    expect(hasOptedOut(alice, first.id)).toBe(false);

    const pressed = await oneClick(token);
    expect(pressed.status).toBe(200);
    expect(pressed.data).toMatchObject({ ok: true, done: true });
    expect((await oneClick(token)).status).toBe(200);
    expect(hasOptedOut(alice, first.id)).toBe(true);
    expect(hasOptedOut(alice, second.id)).toBe(false);
    expect(hasOptedOut(bob, first.id)).toBe(false);

    // A next step on both petitions: Alice hears of the second only; Bob of the first.
    const theClerk = actorOf(await clerk());
    expect(addPetitionNextStep(theClerk, first.id, { description: "Het college maakt een plan." }).ok).toBe(true);
    expect(addPetitionNextStep(theClerk, second.id, { description: "Het college maakt een plan." }).ok).toBe(true);
    while ((await sendSignerMailings()) > 0);
    const toAlice = db.select({ key: emailOutbox.dedupeKey }).from(emailOutbox).where(eq(emailOutbox.toAddress, alice)).all().map((r) => r.key ?? "");
    expect(toAlice.filter((k) => k.startsWith(`petition-next-step-added:${second.id}:`))).toHaveLength(1);
    expect(toAlice.filter((k) => k.startsWith(`petition-next-step-added:${first.id}:`))).toHaveLength(0);
    const toBob = db.select({ key: emailOutbox.dedupeKey }).from(emailOutbox).where(eq(emailOutbox.toAddress, bob)).all().map((r) => r.key ?? "");
    expect(toBob.filter((k) => k.startsWith(`petition-next-step-added:${first.id}:`))).toHaveLength(1);
  });

  it("cannot be altered to reach another person or topic", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("carol");
    const token = UNSUBSCRIBE.exec((await guestSigns(id, email)).text)![1]!;
    expect(readUnsubscribeToken(token)).toEqual({ address: email, topicId: id });
    // The last character too, whichever way: its spare bits (when the length leaves some) decode
    // to the same bytes, and such a link must not work either.
    const last = token.length - 1;
    const bytes = Buffer.from(token, "base64url");
    const sameBytes = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"]
      .map((c) => token.slice(0, last) + c)
      .filter((t) => t !== token && Buffer.from(t, "base64url").equals(bytes));
    for (const altered of [...[0, 14, last].map((i) => token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1)), ...sameBytes]) {
      expect(readUnsubscribeToken(altered)).toBeNull();
      expect((await oneClick(altered)).status).toBe(404);
    }
    expect((await oneClick("not-a-token")).status).toBe(404);
    expect(hasOptedOut(email, id)).toBe(false);
  });

  it("from an account's mail about no topic stops every topic email and switches the profile to no email", async () => {
    const person = await createPerson();
    requestPasswordReset(person.email);
    await drain(mail);
    const token = UNSUBSCRIBE.exec(mail.to(person.email).at(-1)!.text)![1]!;
    expect((await oneClick(token)).data).toMatchObject({ ok: true, done: true, everyTopic: true });
    expect(hasOptedOut(person.email, 12345)).toBe(true);
    expect(db.select({ p: users.emailPreference }).from(users).where(eq(users.id, person.id)).get()!.p).toBe("off");
  });
});
