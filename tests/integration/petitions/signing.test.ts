import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notifications, petitions, signatures, topics } from "#db/schema";
import { db } from "~/utils/db.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import * as page from "~/routes/petitions.$id";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import {
  actorOf,
  clerk,
  CONFIRM_LINK,
  counts,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  openLink,
  petitionRow,
  pressConfirm,
  setThresholds,
  setUserPostcode,
  signAsGuest,
  signAsResident,
  signaturesOf,
  uniqueEmail,
  uniqueIp,
} from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let hoods: Record<string, number>;
beforeAll(async () => {
  mail = await startMailCatcher();
  hoods = ensureNeighbourhoods();
  setThresholds(500, 2000);
});
afterAll(async () => {
  await mail.stop();
});

describe("a signed-in resident signs", () => {
  it("with one click: it counts at once, per day and per neighbourhood", async () => {
    const { id } = await makePetition();
    const resident = await createPerson();
    setUserPostcode(resident.id, "9907CD");
    const result = await signAsResident(id, resident, { showName: "on" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/petitions/${id}`);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    const [signature] = signaturesOf(id);
    expect(signature).toMatchObject({ userId: resident.id, status: "confirmed", showName: true, neighbourhoodId: hoods.Noord });

    const view = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, cookie: resident.cookie });
    expect(view.data.sign.own.status).toBe("confirmed");
    expect(view.data.names.names.map((n: { name: string }) => n.name)).toEqual([resident.displayName]);
    expect(view.data.neighbourhoods).toEqual([{ neighbourhoodId: hoods.Noord, name: "Noord", count: 1 }]);
  });

  it("twenty times at once: one signature", async () => {
    const { id } = await makePetition();
    const resident = await createPerson();
    const results = await Promise.all(Array.from({ length: 20 }, () => signAsResident(id, resident)));
    expect(results.every((r) => r.status === 302)).toBe(true);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    expect(signaturesOf(id)).toHaveLength(1);
  });

  it("may withdraw while the petition is open; the counters go back", async () => {
    const { id } = await makePetition();
    const resident = await createPerson();
    await signAsResident(id, resident);
    const result = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: { intent: "withdraw" }, cookie: resident.cookie });
    expect(result.status).toBe(302);
    expect(counts(id)).toEqual({ support: 0, daily: 0, hoods: 0, confirmed: 0 });
    expect(signaturesOf(id)[0]!.status).toBe("withdrawn");
    // Withdrawing twice changes nothing; signing again counts again.
    await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: { intent: "withdraw" }, cookie: resident.cookie });
    expect(counts(id).support).toBe(0);
    await signAsResident(id, resident);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });

  it("whose email is not confirmed gets the guest form, never a one-click signature", async () => {
    const { id } = await makePetition();
    const unverified = await createPerson({ verified: false });
    const result = await signAsResident(id, unverified);
    expect(result.status).toBe(400);
    expect(counts(id).support).toBe(0);
  });

  it("crossing the response threshold asks the council to respond: timeline, petitioner and clerks told", async () => {
    setThresholds(2, 3);
    const { id, author } = await makePetition();
    const theClerk = await clerk();
    setThresholds(500, 2000);
    await signAsResident(id, await createPerson());
    expect(petitionRow(id).status).toBe("open");
    await signAsResident(id, await createPerson());
    expect(petitionRow(id)).toMatchObject({ status: "response-requested", responseThreshold: 2, debateThreshold: 3 });
    await signAsResident(id, await createPerson());
    expect(petitionRow(id).status).toBe("debate-scheduled");
    const inbox = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.type);
    expect(inbox(author.id)).toEqual(expect.arrayContaining(["petition.notification.responseRequested", "petition.notification.debateRequested"]));
    expect(inbox(theClerk.id)).toEqual(expect.arrayContaining(["petition.notification.clerk.responseDue", "petition.notification.clerk.debateDue"]));
    const view = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) } });
    expect(view.data.timeline.filter((e: { type: string }) => e.type === "threshold-reached")).toHaveLength(2);
  });
});

describe("a guest signs", () => {
  it("through the emailed link: pending until the button on its page is pressed, then counted once however often", async () => {
    const title = "Meer bankjes langs de Vecht voor iedereen";
    const { id } = await makePetition({ title });
    const email = uniqueEmail("guest");
    const result = await signAsGuest(id, email, { showName: "on", name: "Geheime Gerda" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/petitions/${id}`);
    expect(counts(id).support).toBe(0);
    expect(signaturesOf(id)[0]).toMatchObject({ status: "pending", postcode: "9903AB", neighbourhoodId: hoods.Centrum });

    const delivered = await drain(mail);
    const message = delivered.find((m) => m.to.includes(email))!;
    expect(message.subject).toContain("Bevestig uw handtekening");
    expect(message.text).toContain("Open de link hieronder en druk op de knop ‘Bevestig mijn handtekening’");
    expect(mail.to(email).at(-1)!.html).toContain("druk op de knop");
    const link = CONFIRM_LINK.exec(message.text)![0];

    // A mail filter, a previewer and then the guest open the link: it only shows what will be confirmed.
    for (const _opening of [1, 2, 3]) {
      const opened = await openLink(link);
      expect(opened.status).toBe(200);
      expect(opened.headers.get("Cache-Control")).toBe("no-store");
      expect(opened.headers.get("Set-Cookie")).toBeNull();
      expect(opened.data).toEqual({ title, message: null });
    }
    expect(signaturesOf(id)[0]).toMatchObject({ status: "pending", confirmedAt: null });
    expect(counts(id)).toEqual({ support: 0, daily: 0, hoods: 0, confirmed: 0 });

    const first = await pressConfirm(link);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/petitions/${id}`);
    expect(first.headers.get("Set-Cookie")).toContain("inspraak_toast=");
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    const again = await pressConfirm(link);
    expect(again.status).toBe(302);
    expect(again.location).toBe(`/petitions/${id}`);
    expect(counts(id).support).toBe(1);
    // Opened once more, the link goes to the petition (already counted) and still writes nothing.
    const reopened = await openLink(link);
    expect(reopened.status).toBe(302);
    expect(reopened.location).toBe(`/petitions/${id}`);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });

  it("the link's page shows the petition's public title, in the reader's language, and never who signed", async () => {
    const { id } = await makePetition({ title: "Een speeltuin in de Bloemenbuurt graag" });
    const email = uniqueEmail("private");
    await signAsGuest(id, email, { name: "Verborgen Vera" });
    await drain(mail);
    const link = mail.linkTo(email, CONFIRM_LINK)!;
    const shown = JSON.stringify((await openLink(link)).data);
    expect(shown).toContain("Een speeltuin in de Bloemenbuurt graag");
    for (const secret of ["Verborgen", email, email.split("@")[0]!, "9903"]) expect(shown).not.toContain(secret);

    // Text withheld by the clerk's office stays withheld on this page too.
    db.update(petitions).set({ hideText: true }).where(eq(petitions.topicId, id)).run();
    expect((await openLink(link)).data.title).toBe(`Afgewezen petitie ${id}`);
    expect((await openLink(link, { "Accept-Language": "en" })).data.title).toBe(`Rejected petition ${id}`);
    expect(signaturesOf(id)[0]!.status).toBe("pending");
  });

  it("two presses at the same moment count once", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("twice");
    await signAsGuest(id, email);
    await drain(mail);
    const link = mail.linkTo(email, CONFIRM_LINK)!;
    const results = await Promise.all([pressConfirm(link), pressConfirm(link), openLink(link), pressConfirm(link)]);
    expect(results.map((r) => r.status)).toEqual([302, 302, expect.any(Number), 302]);
    expect(results.map((r) => r.location)).toEqual([`/petitions/${id}`, `/petitions/${id}`, expect.anything(), `/petitions/${id}`]);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });

  it("gets the same answer for a new and an already-signed address, and nothing changes or is re-sent", async () => {
    const { id } = await makePetition();
    const signed = "anna.devries@gmail.com";
    await signAsGuest(id, signed);
    await drain(mail);
    await followLink(mail.linkTo(signed, CONFIRM_LINK)!);
    expect(counts(id).support).toBe(1);

    const fresh = await signAsGuest(id, uniqueEmail("fresh"));
    const repeat = await signAsGuest(id, signed);
    const folded = await signAsGuest(id, "Anna.De.Vries+petitie@GMAIL.com");
    for (const answer of [repeat, folded]) {
      expect(answer.status).toBe(fresh.status);
      expect(answer.location).toBe(fresh.location);
      expect(answer.data).toEqual(fresh.data);
      expect(answer.headers.get("Set-Cookie")).toBe(fresh.headers.get("Set-Cookie"));
    }
    const delivered = await drain(mail);
    expect(delivered.filter((m) => m.to.some((t) => t.toLowerCase().includes("anna")))).toEqual([]);
    expect(signaturesOf(id).filter((s) => s.emailCanonical === "annadevries@gmail.com")).toHaveLength(1);
    expect(counts(id).support).toBe(1);
  });

  it("who signs again while pending gets a new link at most once an hour", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("pending");
    await signAsGuest(id, email);
    await signAsGuest(id, email);
    await drain(mail);
    expect(mail.to(email)).toHaveLength(1);
    // An hour later the same request sends a fresh link; the old one no longer works.
    const oldLink = mail.linkTo(email, CONFIRM_LINK)!;
    db.update(signatures).set({ confirmationSentAt: new Date(Date.now() - 61 * 60_000) }).where(eq(signatures.topicId, id)).run();
    await signAsGuest(id, email);
    await drain(mail);
    expect(mail.to(email)).toHaveLength(2);
    const stale = await followLink(oldLink);
    expect(stale.status).toBe(404);
    expect(counts(id).support).toBe(0);
    await followLink(mail.linkTo(email, CONFIRM_LINK)!);
    expect(counts(id).support).toBe(1);
  });

  it("with a postcode outside the municipality is refused with a clear message, unless the setting allows it", async () => {
    const { id } = await makePetition();
    const refused = await signAsGuest(id, uniqueEmail("outside"), { postcode: "1012 AB" });
    expect(refused.status).toBe(422);
    expect(refused.data.errors.postcode).toContain("niet in onze gemeente");
    expect(signaturesOf(id)).toHaveLength(0);

    updateSettings(null, { petitionAcceptOutsidePostcodes: true });
    const accepted = await signAsGuest(id, uniqueEmail("outside"), { postcode: "1012 AB" });
    updateSettings(null, { petitionAcceptOutsidePostcodes: false });
    expect(accepted.status).toBe(302);
    expect(signaturesOf(id)[0]!.neighbourhoodId).toBeNull();
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["an oversized name", { name: "x".repeat(101) }, "name"],
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["an invalid postcode", { postcode: "12345" }, "postcode"],
    ["no residence declaration", { residence: "" }, "residence"],
  ])("with %s gets a translated message beside the field and nothing changes", async (_label, change, field) => {
    const { id } = await makePetition();
    const result = await signAsGuest(id, uniqueEmail("bad"), change);
    expect(result.status).toBe(400);
    expect(typeof result.data.errors[field]).toBe("string");
    expect(result.data.errors[field].length).toBeGreaterThan(5);
    expect(signaturesOf(id)).toHaveLength(0);
  });

  it("in English gets English messages", async () => {
    const { id } = await makePetition();
    const result = await callRoute(page, {
      path: `/petitions/${id}`,
      params: { id: String(id) },
      form: { intent: "sign", name: "", email: "x", postcode: "1", residence: "on" },
      headers: { "Accept-Language": "en" },
      ip: uniqueIp(),
    });
    expect(result.data.errors.email).toBe("Enter a valid email address, such as name@example.com.");
    expect(result.data.errors.postcode).toBe("Enter a valid postcode, such as 1234 AB.");
  });

  it("too often from one address is stopped with a message", async () => {
    const { id } = await makePetition();
    const ip = uniqueIp();
    let last;
    for (let i = 0; i < 31; i++) last = await signAsGuest(id, uniqueEmail("flood"), {}, ip);
    expect(last!.status).toBe(429);
    expect(last!.data.errors.form).toContain("te vaak");
    expect(signaturesOf(id)).toHaveLength(30);
  });
});

describe("signing what cannot be signed", () => {
  it("a closed petition: a clear message and nothing changes", async () => {
    const { id } = await makePetition();
    db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, id)).run();
    const guest = await signAsGuest(id, uniqueEmail("late"));
    expect(guest.status).toBe(422);
    expect(guest.data.errors.form).toContain("gesloten");
    // A resident is answered as the one-click button answers: back to the petition with the message.
    const resident = await signAsResident(id, await createPerson());
    expect(resident.status).toBe(303);
    expect(resident.location).toBe(`/petitions/${id}`);
    expect(signaturesOf(id)).toHaveLength(0);
  });

  it("a petition closed between signing and confirming: the link and the button say so and nothing counts", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("slow");
    await signAsGuest(id, email);
    await drain(mail);
    const link = mail.linkTo(email, CONFIRM_LINK)!;
    db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, id)).run();
    for (const result of [await openLink(link), await pressConfirm(link)]) {
      expect(result.status).toBe(410);
      expect(result.data).toEqual({ title: null, message: "Deze petitie is gesloten. Uw handtekening is niet verwerkt." });
      expect(result.headers.get("Cache-Control")).toBe("no-store");
    }
    const english = await pressConfirm(link, { "Accept-Language": "en" });
    expect(english.data.message).toBe("This petition is closed. Your signature was not recorded.");
    expect(counts(id).support).toBe(0);
    expect(signaturesOf(id)[0]!.status).toBe("pending");
  });

  it("a rejected petition: a clear message and nothing changes", async () => {
    const { id } = await makePetition();
    rejectPetition(actorOf(await clerk()), id, { code: "unclear" });
    const result = await signAsGuest(id, uniqueEmail("rejected"));
    expect(result.status).toBe(422);
    expect(result.data.errors.form).toContain("afgewezen");
    expect(signaturesOf(id)).toHaveLength(0);
  });

  it("a hidden petition or a draft: 404, nothing changes", async () => {
    const hidden = await makePetition();
    db.update(topics).set({ hidden: true }).where(eq(topics.id, hidden.id)).run();
    expect((await signAsGuest(hidden.id, uniqueEmail("hidden"))).status).toBe(404);
    expect((await signAsResident(hidden.id, await createPerson())).status).toBe(404);
    const draft = await makePetition({ stage: "draft" });
    expect((await signAsGuest(draft.id, uniqueEmail("draft"))).status).toBe(404);
    // Even its own author cannot sign a draft.
    expect((await signAsResident(draft.id, draft.author)).status).toBe(403);
    expect(signaturesOf(hidden.id)).toHaveLength(0);
    expect(signaturesOf(draft.id)).toHaveLength(0);
  });

  it.each(["abc", "0", "-1", "99999999", "1.5"])("a tampered id %j: 404", async (bad) => {
    const result = await callRoute(page, { path: `/petitions/${bad}`, params: { id: bad }, form: { intent: "sign" }, ip: uniqueIp() });
    expect(result.status).toBe(404);
  });

  it("a tampered, over-long or malformed confirmation token: 404 with a message, opened or pressed", async () => {
    for (const token of ["x", "a".repeat(43), "..%2F..%2Fetc", "a".repeat(5000), "%00%E2%80%AE", "%C3%BC".repeat(40), "a".repeat(42) + "%20"]) {
      const link = `http://localhost:3000/petitions/confirm/${token}`;
      for (const result of [await openLink(link), await pressConfirm(link)]) {
        expect(result.status, token.slice(0, 20)).toBe(404);
        expect(result.data).toEqual({ title: null, message: "Deze link is ongeldig. Controleer of u de hele link uit de e-mail gebruikt." });
      }
      expect((await pressConfirm(link, { "Accept-Language": "en" })).data.message).toBe(
        "This link is not valid. Check that you used the whole link from the email.",
      );
    }
  });
});
