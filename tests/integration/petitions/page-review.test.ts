// What a review of the petition pages found: residents signing without any postcode, open data
// links that led nowhere, rejected petitions on the home page, the author who could not read their
// own withheld text, and what a guest is told after confirming.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { getToast, toastCookie } from "~/utils/toast.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { petitionSignatures } from "~/modules/petitions/petitions.support.server";
import { answerSupport } from "~/modules/support/support.answer.server";
import { signPetitionAsResident } from "~/modules/petitions/petitions.signing.server";
import * as page from "~/routes/petitions.$id";
import * as mine from "~/routes/petitions.mine";
import * as home from "~/routes/_index";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import {
  actorOf,
  clerk,
  CONFIRM_LINK,
  counts,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  resident,
  setThresholds,
  signAsGuest,
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

const accountPostcode = (id: string) => db.select({ postcode: users.postcode }).from(users).where(eq(users.id, id)).get()!.postcode;

/** The page's own action, as the small sign form posts it. */
const sign = (id: number, person: TestPerson, form: Record<string, string>) =>
  callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: { intent: "sign", ...form }, cookie: person.cookie, ip: uniqueIp() });

const view = (id: number, cookie: string | null = null, path = `/petitions/${id}`) => callRoute(page, { path, params: { id: String(id) }, cookie });

/** The neighbourhood table on the page adds up to the count on it. */
async function tableAddsUp(id: number) {
  const shown = await view(id);
  const sum = shown.data.neighbourhoods.reduce((total: number, row: { count: number }) => total + row.count, 0);
  expect(sum).toBe(shown.data.petition.supportCount);
  return shown;
}

describe("a resident whose account has no postcode", () => {
  it("gets the small sign form (no one-click button) and is refused without a postcode: a message beside the field, nothing written", async () => {
    const { id } = await makePetition();
    const person = await createPerson();
    const shown = await view(id, person.cookie);
    expect(shown.data.sign.accountPostcode).toBeNull();

    const refused = await sign(id, person, { showName: "on" });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.postcode).toBe("Vul uw postcode in. Alleen inwoners kunnen tekenen, en uw handtekening telt mee in uw wijk.");
    // In the account's language.
    const english = await sign(id, await createPerson({ locale: "en" }), { postcode: "" });
    expect(english.data.errors.postcode).toBe("Enter your postcode. Only residents can sign, and your signature counts in your neighbourhood.");
    // The service refuses too, whoever calls it.
    expect(await signPetitionAsResident(actorOf(person), id, { showName: true })).toEqual({ ok: false, reason: "petition.error.postcodeRequired", field: "postcode" });
    expect(signaturesOf(id)).toHaveLength(0);
    expect(counts(id).support).toBe(0);
    expect(accountPostcode(person.id)).toBeNull();
  });

  it.each([
    ["an invalid postcode", { postcode: "12345", residence: "on" }, "postcode", "Vul een geldige postcode in, zoals 1234 AB."],
    ["no residence declaration", { postcode: "9903 AB" }, "residence", "U moet dit bevestigen om verder te gaan."],
  ])("with %s gets a translated message beside the field and nothing is written", async (_label, form, field, message) => {
    const { id } = await makePetition();
    const person = await createPerson();
    const refused = await sign(id, person, form);
    expect(refused.status).toBe(400);
    expect(refused.data.errors[field]).toBe(message);
    expect(signaturesOf(id)).toHaveLength(0);
    expect(accountPostcode(person.id)).toBeNull();
  });

  it("signs with a postcode and the declaration: the postcode is kept on the account, the neighbourhood counts, the table adds up", async () => {
    const { id } = await makePetition();
    await signAsGuest(id, uniqueEmail("guest"));
    const person = await createPerson({ name: "Postcode Piet" });
    const signed = await sign(id, person, { postcode: "9907 cd", residence: "on", showName: "on" });
    expect(signed.status).toBe(302);
    expect(signed.location).toBe(`/petitions/${id}`);
    expect(accountPostcode(person.id)).toBe("9907CD");
    const row = signaturesOf(id).find((s) => s.userId === person.id)!;
    expect(row).toMatchObject({ status: "confirmed", postcode: "9907CD", neighbourhoodId: hoods.Noord });
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    const shown = await tableAddsUp(id);
    expect(shown.data.neighbourhoods).toEqual([{ neighbourhoodId: hoods.Noord, name: "Noord", count: 1 }]);

    // From now on one click, which says where they sign as a resident.
    const next = await makePetition();
    const again = await view(next.id, person.cookie);
    expect(again.data.sign.accountPostcode).toBe("9907 CD");
    expect((await sign(next.id, person, {})).status).toBe(302);
    expect(signaturesOf(next.id)[0]).toMatchObject({ postcode: "9907CD", neighbourhoodId: hoods.Noord });
  });

  it("with a postcode outside the municipality is refused, unless the setting takes those (then it counts as outside)", async () => {
    const { id } = await makePetition();
    const person = await createPerson();
    const refused = await sign(id, person, { postcode: "1012 AB", residence: "on" });
    expect(refused.status).toBe(422);
    expect(refused.data.errors.postcode).toBe("Deze postcode ligt niet in onze gemeente. Alleen inwoners kunnen deze petitie ondertekenen.");
    expect(signaturesOf(id)).toHaveLength(0);
    expect(accountPostcode(person.id)).toBeNull();

    updateSettings(null, { petitionAcceptOutsidePostcodes: true });
    try {
      expect((await sign(id, person, { postcode: "1012 AB", residence: "on" })).status).toBe(302);
    } finally {
      updateSettings(null, { petitionAcceptOutsidePostcodes: false });
    }
    expect(accountPostcode(person.id)).toBe("1012AB");
    expect(signaturesOf(id)[0]).toMatchObject({ status: "confirmed", postcode: "1012AB", neighbourhoodId: null });
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    await tableAddsUp(id);
  });

  it("gets the same answers from the one-click fast path (answerSupport)", async () => {
    const { id } = await makePetition();
    const person = await createPerson();
    const hot = (fields: Record<string, string>) =>
      answerSupport(petitionSignatures, { id, cookie: person.cookie, form: new URLSearchParams({ intent: "sign", ...fields }) });
    const message = async (setCookie: string | undefined) =>
      (await getToast(new Request("http://localhost/", { headers: { Cookie: setCookie!.split(";")[0]! } }))).toast;

    const without = await hot({});
    expect(without).toMatchObject({ status: 303, location: `/petitions/${id}` });
    expect(await message(without.setCookie)).toEqual({ type: "error", message: "petition.error.postcodeRequired" });
    const undeclared = await hot({ postcode: "9903 AB" });
    expect(await message(undeclared.setCookie)).toEqual({ type: "error", message: "petition.error.declareResidence" });
    const outside = await hot({ postcode: "1012 AB", residence: "on" });
    expect(await message(outside.setCookie)).toEqual({ type: "error", message: "petition.error.outsideMunicipality" });
    expect(signaturesOf(id)).toHaveLength(0);
    expect(accountPostcode(person.id)).toBeNull();

    const signed = await hot({ postcode: "9903 AB", residence: "on" });
    expect(signed).toMatchObject({ status: 302, location: `/petitions/${id}`, setCookie: await toastCookie({ type: "success", message: "petition.sign.thanks" }) });
    expect(accountPostcode(person.id)).toBe("9903AB");
    expect(signaturesOf(id)[0]).toMatchObject({ status: "confirmed", neighbourhoodId: hoods.Centrum });
    expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    await tableAddsUp(id);
  });
});

describe("a resident whose account has a postcode", () => {
  it("signs with one click as a resident of that postcode; a postcode sent along changes nothing", async () => {
    const { id } = await makePetition();
    const person = await resident({ postcode: "9903AB" });
    expect((await view(id, person.cookie)).data.sign.accountPostcode).toBe("9903 AB");
    const answer = await answerSupport(petitionSignatures, { id, cookie: person.cookie, form: new URLSearchParams({ intent: "sign", postcode: "9907 CD" }) });
    expect(answer.status).toBe(302);
    expect(accountPostcode(person.id)).toBe("9903AB");
    expect(signaturesOf(id)[0]).toMatchObject({ postcode: "9903AB", neighbourhoodId: hoods.Centrum });
  });
});

describe("the petition page", () => {
  it("links to the open data only when the data routes answer", async () => {
    const draft = await makePetition({ stage: "draft" });
    expect((await view(draft.id, draft.author.cookie)).data.openData).toBe(false);
    const submitted = await makePetition({ stage: "submitted" });
    expect((await view(submitted.id, submitted.author.cookie)).data.openData).toBe(false);
    const open = await makePetition();
    expect((await view(open.id)).data.openData).toBe(true);
  });

  it("links a guest's 'sign in' to the sign-in page and back to this petition", async () => {
    const { id } = await makePetition();
    expect((await view(id)).data.sign.signInHref).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/petitions/${id}`)}`);
  });

  it("tells a guest who confirmed that the council's answer and the outcome will be emailed", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("confirm");
    await signAsGuest(id, email);
    const link = (await drain(mail)).find((m) => m.to.includes(email))!.text.match(CONFIRM_LINK)![0];
    const confirmed = await followLink(link);
    expect(confirmed.location).toBe(`/petitions/${id}`);
    const cookie = confirmed.headers.get("Set-Cookie")!.split(";")[0]!;
    const { toast } = await getToast(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(toast).toEqual({ type: "success", message: "petition.confirm.done" });
    const { translator } = await import("~/i18n");
    expect(translator("nl")("petition.confirm.done")).toContain("We e-mailen u het antwoord van de raad en de uitkomst");
    expect(translator("en")("petition.confirm.done")).toContain("We will email you the council's answer and the outcome");
  });
});

describe("a rejected petition", () => {
  async function rejected(code: "offensive" | "personal-information" | "unclear") {
    const petition = await makePetition({
      stage: "submitted",
      title: `Weg met de buren van nummer ${code}`,
      request: "Wij vragen de gemeenteraad de buren van nummer 12 te verhuizen.",
    });
    const result = rejectPetition(actorOf(await clerk()), petition.id, { code });
    if (!result.ok) throw new Error(result.reason);
    return petition;
  }

  it.each(["offensive", "personal-information"] as const)("withheld for %s shows its text to its author only, saying it is withheld from the public", async (code) => {
    const { id, author } = await rejected(code);
    const own = await view(id, author.cookie);
    expect(own.data.petition).toMatchObject({ title: `Weg met de buren van nummer ${code}`, withheldFromPublic: true });
    expect(own.data.petition.request).toContain("buren van nummer 12");
    for (const cookie of [null, (await createPerson()).cookie, (await resident()).cookie]) {
      const other = await view(id, cookie);
      expect(other.data.petition).toMatchObject({ title: null, request: null, bodyHtml: "" });
      expect(JSON.stringify(other.data)).not.toContain("buren van nummer");
    }
    const list = await callRoute(mine, { path: "/petitions/mine", cookie: author.cookie });
    expect(list.data.authored.items[0]).toMatchObject({ id, title: `Weg met de buren van nummer ${code}`, hideText: true, rejectionCode: code });
  });

  it("has no share, follow, chart, neighbourhood or signer sections", async () => {
    const { id } = await rejected("unclear");
    const shown = await view(id, (await resident()).cookie);
    expect(shown.data).toMatchObject({ showSignatures: false, canFollow: false, chart: [], neighbourhoods: [], names: { names: [] } });
    const open = await makePetition();
    expect((await view(open.id, (await resident()).cookie)).data).toMatchObject({ showSignatures: true, canFollow: true });
  });
});

describe("the home page's 'new and current'", () => {
  it("leaves rejected petitions out", async () => {
    const open = await makePetition({ title: "Een open petitie voor de voorpagina" });
    const gone = await makePetition({ stage: "submitted", title: "Een afgewezen petitie voor de voorpagina" });
    rejectPetition(actorOf(await clerk()), gone.id, { code: "unclear" });
    db.update(topics).set({ publishedAt: new Date(Date.now() + 60_000) }).where(eq(topics.id, gone.id)).run();
    const result = await callRoute(home, { path: "/" });
    const ids = result.data.latest.map((t: { id: number }) => t.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(gone.id);
    // The card's figure is the one the petition kind's manifest names: signatures.
    expect(result.data.latest.find((t: { id: number }) => t.id === open.id)).toMatchObject({
      path: `/petitions/${open.id}`,
      kindLabel: "topic.kind.petition",
      metric: "0 handtekeningen",
    });
  });
});
