import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseDeletedAccounts } from "~/modules/accounts/accounts.privacy.server";
import { eq } from "drizzle-orm";
import { signatures, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { petitionJobs } from "~/modules/petitions/petitions.jobs.server";
import * as page from "~/routes/petitions.$id";
import * as oneClick from "~/routes/petitions.$id_.sign";
import * as profile from "~/routes/profile";
import * as profileData from "~/routes/profile.data";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { createPerson, TEST_PASSWORD, type TestPerson } from "../../support/fixtures";
import {
  CONFIRM_LINK,
  counts,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  openLink,
  pressConfirm,
  setThresholds,
  setUserPostcode,
  signAsGuest,
  signAsResident,
  signaturesOf,
  uniqueEmail,
  uniqueIp,
} from "./helpers";

// The privacy of signers: whose signatures an account may read or erase, whose details a counted
// signature carries, how long an unconfirmed one is kept, and what a withdrawn one keeps.

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

const DAY = 86_400_000;
const view = (id: number, cookie?: string) => callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, cookie });
const publicNames = async (id: number) => (await view(id)).data.names.names.map((n: { name: string }) => n.name);
const withdraw = (id: number, person: TestPerson) =>
  callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: { intent: "withdraw" }, cookie: person.cookie });
const oneClickSign = (id: number, person: TestPerson, form: Record<string, string> = { intent: "sign" }) =>
  callRoute(oneClick, { path: `/petitions/${id}/sign`, params: { id: String(id) }, form, cookie: person.cookie, ip: uniqueIp() });
const myData = async (person: TestPerson) => {
  const result = await callRoute(profileData, { path: "/profile/data", cookie: person.cookie });
  expect(result.status).toBe(200);
  return result.data as { petitions: { signatures: Array<{ petitionId: number; name: string | null; email: string | null; status: string }> } };
};
/** Deletes the account through the profile page, then lets the erasure job finish. */
async function deleteAccount(person: TestPerson) {
  const answer = await callRoute(profile, { path: "/profile", cookie: person.cookie, form: { intent: "delete", confirm: "on", password: TEST_PASSWORD } });
  await eraseDeletedAccounts(new Date(), { budgetMs: Infinity });
  return answer;
}
const signatureRow = (id: number) => db.select().from(signatures).where(eq(signatures.id, id)).get();

/** A guest signs, and when told to, confirms through the emailed link. Returns the link. */
async function guestSigns(id: number, email: string, extra: Record<string, string> = {}, confirm = true): Promise<string> {
  await signAsGuest(id, email, extra);
  await drain(mail);
  const link = mail.linkTo(email, CONFIRM_LINK)!;
  expect(link).toBeTruthy();
  if (confirm) expect((await followLink(link)).status).toBe(302);
  return link;
}

describe("download my data and account deletion reach guest signatures by address only once the address is confirmed", () => {
  it("an account registered with someone else's address, never confirmed, downloads none of their signatures", async () => {
    const victim = uniqueEmail("vera");
    const counted = await makePetition();
    const pending = await makePetition();
    await guestSigns(counted.id, victim, { name: "Vera Slachtoffer", postcode: "9907 CD" });
    await guestSigns(pending.id, victim, { name: "Vera Slachtoffer" }, false);

    const squatter = await createPerson({ email: victim.toUpperCase(), verified: false });
    const data = await myData(squatter);
    expect(data.petitions.signatures).toEqual([]);
    const text = JSON.stringify(data);
    for (const secret of ["Vera Slachtoffer", victim, "9907CD"]) expect(text).not.toContain(secret);

    // Once the address is confirmed, its owner gets their guest signatures.
    db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, squatter.id)).run();
    const owned = await myData(squatter);
    expect(owned.petitions.signatures.map((s) => s.petitionId).sort()).toEqual([counted.id, pending.id].sort());
    expect(owned.petitions.signatures[0]!.name).toBe("Vera Slachtoffer");
  });

  it("deleting such an account leaves their signatures as they were, counted and pending", async () => {
    const victim = uniqueEmail("wim");
    const counted = await makePetition();
    const pending = await makePetition();
    await guestSigns(counted.id, victim, { name: "Wim Slachtoffer" });
    const pendingLink = await guestSigns(pending.id, victim, { name: "Wim Slachtoffer" }, false);
    const before = [...signaturesOf(counted.id), ...signaturesOf(pending.id)];

    const squatter = await createPerson({ email: victim, verified: false });
    const deleted = await deleteAccount(squatter);
    expect(deleted.status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, squatter.id)).get()!.deletedAt).toBeInstanceOf(Date);

    expect([...signaturesOf(counted.id), ...signaturesOf(pending.id)]).toEqual(before);
    expect(signaturesOf(counted.id)[0]).toMatchObject({ name: "Wim Slachtoffer", email: victim, status: "confirmed", anonymisedAt: null });
    expect(counts(counted.id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    // The real owner can still confirm the pending one.
    expect((await pressConfirm(pendingLink)).status).toBe(302);
    expect(counts(pending.id).support).toBe(1);
  });

  it("deleting a confirmed account still anonymises the guest signatures made with its address", async () => {
    const email = uniqueEmail("owner");
    const { id } = await makePetition();
    await guestSigns(id, email, { name: "Echte Eigenaar" });
    const owner = await createPerson({ email });
    expect((await deleteAccount(owner)).status).toBe(302);
    expect(signaturesOf(id)[0]).toMatchObject({ name: null, email: null, postcode: null, status: "confirmed" });
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });
});

describe("a resident whose address has a pending guest signature signs", () => {
  it.each([
    ["on the petition page", (id: number, person: TestPerson) => signAsResident(id, person, { showName: "on" })],
    ["with the one-click form (the hot path's function)", (id: number, person: TestPerson) => oneClickSign(id, person, { intent: "sign", showName: "on" })],
  ])("%s: the signature carries the resident's own name, address, postcode, neighbourhood and language, never what someone typed", async (_how, sign) => {
    const { id } = await makePetition();
    const resident = await createPerson({ name: "Echte Rita", locale: "en" });
    setUserPostcode(resident.id, "9903AB");
    // Someone who knows Rita's address signs in her name, somewhere else in town.
    await signAsGuest(id, resident.email.toUpperCase(), { name: "Geplante Naam", postcode: "9907 CD", showName: "on" });
    expect(signaturesOf(id)[0]).toMatchObject({ status: "pending", name: "Geplante Naam", neighbourhoodId: hoods.Noord });

    expect((await sign(id, resident)).status).toBe(302);
    const rows = signaturesOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "confirmed", userId: resident.id, name: "Echte Rita", email: resident.email, postcode: "9903AB",
      neighbourhoodId: hoods.Centrum, locale: "en", showName: true, tokenHash: null,
    });
    expect(await publicNames(id)).toEqual(["Echte Rita"]);
    expect((await view(id)).data.neighbourhoods).toEqual([{ neighbourhoodId: hoods.Centrum, name: "Centrum", count: 1 }]);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });
});

describe("a guest's confirmation link expires after 7 days", () => {
  const sentAgo = (id: number, ms: number) =>
    db.update(signatures).set({ confirmationSentAt: new Date(Date.now() - ms) }).where(eq(signatures.topicId, id)).run();

  it("works for 7 days; then opening or pressing it says it expired (410, translated) and nothing counts", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("late");
    const link = await guestSigns(id, email, {}, false);
    sentAgo(id, 7 * DAY - 60_000);
    expect((await openLink(link)).status).toBe(200);

    sentAgo(id, 7 * DAY + 60_000);
    const expected = { title: null, message: "Deze link is verlopen: een handtekening moet binnen 7 dagen bevestigd worden. Teken opnieuw om een nieuwe link te krijgen." };
    for (const result of [await openLink(link), await pressConfirm(link)]) {
      expect(result.status).toBe(410);
      expect(result.data).toEqual(expected);
      expect(result.headers.get("Cache-Control")).toBe("no-store");
    }
    expect((await pressConfirm(link, { "Accept-Language": "en" })).data.message).toBe(
      "This link has expired: a signature must be confirmed within 7 days. Sign again to get a new link.",
    );
    expect(signaturesOf(id)[0]).toMatchObject({ status: "pending", confirmedAt: null });
    expect(counts(id)).toEqual({ support: 0, daily: 0, hoods: 0, confirmed: 0 });

    // Signing again sends a new link, which works.
    await signAsGuest(id, email);
    await drain(mail);
    const fresh = mail.linkTo(email, CONFIRM_LINK)!;
    expect(fresh).not.toBe(link);
    expect((await followLink(fresh)).status).toBe(302);
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
  });

  it("the confirmation email says how long the link works", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("told");
    await guestSigns(id, email, {}, false);
    expect(mail.to(email).at(-1)!.text).toContain("De link werkt 7 dagen; daarna wissen we uw gegevens.");
  });

  it("the hourly job deletes pending signatures whose link expired, and nothing else; no count moves", async () => {
    const { id } = await makePetition();
    const expired = uniqueEmail("expired");
    const fresh = uniqueEmail("fresh");
    const resident = await createPerson();
    const withdrawn = await createPerson();
    await guestSigns(id, expired, { name: "Verlopen Victor" }, false);
    await guestSigns(id, fresh, {}, false);
    const counted = uniqueEmail("counted");
    await guestSigns(id, counted);
    await signAsResident(id, resident);
    await signAsResident(id, withdrawn);
    await withdraw(id, withdrawn);
    const canonical = (address: string) => address.toLowerCase();
    const set = (address: string, sentAt: Date) =>
      db.update(signatures).set({ confirmationSentAt: sentAt, createdAt: sentAt }).where(eq(signatures.emailCanonical, canonical(address))).run();
    set(expired, new Date(Date.now() - 8 * DAY));
    set(fresh, new Date(Date.now() - 6 * DAY));
    set(counted, new Date(Date.now() - 30 * DAY));
    const before = counts(id);
    expect(before).toEqual({ support: 2, daily: 2, hoods: 2, confirmed: 2 });

    const ran = await runDueJobs(new Date(), petitionJobs.filter((job) => job.name === "petitions-delete-expired-signatures"));
    expect(ran).toEqual(["petitions-delete-expired-signatures"]);
    const left = signaturesOf(id);
    expect(left.map((s) => s.emailCanonical).sort()).toEqual(
      [canonical(fresh), canonical(counted), resident.email.toLowerCase(), withdrawn.email.toLowerCase()].sort(),
    );
    expect(JSON.stringify(left)).not.toContain("Verlopen Victor");
    expect(counts(id)).toEqual(before);

    // The address may sign again from scratch.
    await guestSigns(id, expired);
    expect(counts(id)).toEqual({ support: 3, daily: 3, hoods: 3, confirmed: 3 });
  });
});

describe("withdrawing a signature", () => {
  it("erases the name, address and postcode at once; keeps neighbourhood and dates; counts and names follow", async () => {
    const { id } = await makePetition();
    const resident = await createPerson({ name: "Intrekkende Ina" });
    setUserPostcode(resident.id, "9907CD");
    await signAsResident(id, resident, { showName: "on" });
    const [signed] = signaturesOf(id);
    expect(await publicNames(id)).toEqual(["Intrekkende Ina"]);

    expect((await withdraw(id, resident)).status).toBe(302);
    const row = signatureRow(signed!.id)!;
    expect(row).toMatchObject({
      status: "withdrawn", name: null, email: null, postcode: null, showName: false, tokenHash: null,
      userId: resident.id, neighbourhoodId: hoods.Noord, confirmedAt: signed!.confirmedAt,
    });
    expect(row.withdrawnAt).toBeInstanceOf(Date);
    expect(counts(id)).toEqual({ support: 0, daily: 0, hoods: 0, confirmed: 0 });
    expect(await publicNames(id)).toEqual([]);
    expect((await view(id)).data.neighbourhoods.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(0);
    const kept = (await myData(resident)).petitions.signatures;
    expect(kept).toEqual([expect.objectContaining({ petitionId: id, status: "withdrawn", name: null, email: null, postcode: null })]);
  });

  it("withdraw, sign again, withdraw, sign again (both ways): one row, counted once, counters equal to the rows", async () => {
    const { id } = await makePetition();
    const other = await createPerson();
    await signAsResident(id, other);
    const resident = await createPerson({ name: "Wisselende Wout" });
    setUserPostcode(resident.id, "9903AB");
    await signAsResident(id, resident, { showName: "on" });
    await withdraw(id, resident);
    expect((await view(id, resident.cookie)).data.sign.own.status).toBe("withdrawn");

    expect((await signAsResident(id, resident, { showName: "on" })).status).toBe(302);
    expect(counts(id)).toEqual({ support: 2, daily: 2, hoods: 2, confirmed: 2 });
    const mine = () => signaturesOf(id).filter((s) => s.userId === resident.id);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ status: "confirmed", name: "Wisselende Wout", email: resident.email, postcode: "9903AB", neighbourhoodId: hoods.Centrum, withdrawnAt: null });
    expect(await publicNames(id)).toEqual(["Wisselende Wout"]);
    expect((await view(id, resident.cookie)).data.sign.own.status).toBe("confirmed");

    await withdraw(id, resident);
    expect(await publicNames(id)).toEqual([]);
    expect((await oneClickSign(id, resident)).status).toBe(302);
    expect((await oneClickSign(id, resident)).status).toBe(302);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ status: "confirmed", name: "Wisselende Wout", showName: false });
    expect(counts(id)).toEqual({ support: 2, daily: 2, hoods: 2, confirmed: 2 });
    expect((await view(id)).data.neighbourhoods.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(2);
  });

  it("a withdrawn signer's address cannot be used by a guest to sign in their place", async () => {
    const { id } = await makePetition();
    const resident = await createPerson();
    await signAsResident(id, resident);
    await withdraw(id, resident);
    const answer = await signAsGuest(id, resident.email, { name: "Iemand Anders" });
    expect(answer.status).toBe(302);
    expect(signaturesOf(id)).toHaveLength(1);
    expect(signaturesOf(id)[0]).toMatchObject({ status: "withdrawn", name: null });
    expect(counts(id).support).toBe(0);
  });
});
