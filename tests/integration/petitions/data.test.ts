import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notifications, signatures, topics } from "#db/schema";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { petitionJobs } from "~/modules/petitions/petitions.jobs.server";
import { supportJobs } from "~/modules/support/support.jobs.server";
import { petitionPersonalData } from "~/modules/petitions/petitions.privacy.server";
import * as page from "~/routes/petitions.$id";
import * as list from "~/routes/petitions._index";
import * as count from "~/routes/petitions.$id_.count";
import * as json from "~/routes/petitions.$id_.data[.]json";
import * as csv from "~/routes/petitions.$id_.data[.]csv";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { asWritten, createPerson, deleteAndErase } from "../../support/fixtures";
import {
  CONFIRM_LINK,
  counts,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  petitionRow,
  setUserPostcode,
  signAsGuest,
  signAsResident,
  signaturesOf,
  uniqueEmail,
} from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
});
afterAll(async () => {
  await mail.stop();
});

const DAY = 86_400_000;
const get = (route: Parameters<typeof callRoute>[0], id: number, path: string, cookie?: string) =>
  callRoute(route, { path, params: { id: String(id) }, cookie });

async function guestSignature(id: number, email = uniqueEmail("guest")) {
  await signAsGuest(id, email);
  await drain(mail);
  const message = mail.messages.filter((m) => m.to.some((to) => to.toLowerCase() === email.toLowerCase())).at(-1)!;
  await followLink(CONFIRM_LINK.exec(message.text)![0]);
  return email;
}

describe("jobs", () => {
  it("close petitions past their deadline: status, timeline and signers told", async () => {
    const { id, author } = await makePetition();
    const resident = await createPerson();
    await signAsResident(id, resident);
    db.update(topics).set({ closesAt: new Date(Date.now() - 60_000) }).where(eq(topics.id, id)).run();
    await runDueJobs(new Date(), [...petitionJobs, ...supportJobs]);
    const row = petitionRow(id);
    expect(row.status).toBe("closed");
    expect(row.closedAt).not.toBeNull();
    const told = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.type);
    expect(told(resident.id)).toContain("petition.notification.closed");
    expect(told(author.id)).toContain("petition.notification.closed");
    const view = await get(page, id, `/petitions/${id}`);
    expect(view.data.timeline.at(-1).type).toBe("closed");
    expect(view.data.sign.signable).toBe(false);
  });

  it("anonymise signatures some months after the close, keeping every count; pending ones go", async () => {
    const { id } = await makePetition();
    const email = await guestSignature(id);
    const resident = await createPerson();
    setUserPostcode(resident.id, "9906AA");
    await signAsResident(id, resident);
    await signAsGuest(id, uniqueEmail("never"));
    expect(counts(id)).toEqual({ support: 2, daily: 2, hoods: 2, confirmed: 2 });
    db.update(topics).set({ closesAt: new Date(Date.now() - 400 * DAY), closedAt: new Date(Date.now() - 200 * DAY), status: "closed" }).where(eq(topics.id, id)).run();
    const { anonymiseSupporters: anonymiseOldSignatures } = await import("~/modules/support/support.anonymise.server");
    expect(await anonymiseOldSignatures()).toBe(3);
    const rows = signaturesOf(id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ name: null, email: null, postcode: null, userId: null, tokenHash: null, status: "confirmed" });
      expect(row.emailCanonical).toBe(`anon:${row.id}`);
      expect(row.neighbourhoodId).not.toBeNull();
      expect(row.confirmedAt).not.toBeNull();
    }
    expect(JSON.stringify(rows)).not.toContain(email);
    expect(counts(id)).toEqual({ support: 2, daily: 2, hoods: 2, confirmed: 2 });
    // Running it again changes nothing.
    expect(await anonymiseOldSignatures()).toBe(0);
  });

  it("leave signatures of recently closed petitions alone", async () => {
    const { id } = await makePetition();
    await signAsResident(id, await createPerson());
    db.update(topics).set({ closedAt: new Date(Date.now() - 30 * DAY), status: "closed" }).where(eq(topics.id, id)).run();
    const { anonymiseSupporters: anonymiseOldSignatures } = await import("~/modules/support/support.anonymise.server");
    await anonymiseOldSignatures();
    expect(signaturesOf(id)[0]!.name).not.toBeNull();
  });
});

describe("privacy", () => {
  it("collects a person's petitions and signatures, by account and by their address as a guest", async () => {
    const resident = await createPerson({ email: `privacy-${Date.now()}@example.org` });
    const own = await makePetition({ author: resident });
    const other = await makePetition();
    const third = await makePetition();
    await signAsResident(other.id, resident);
    await guestSignature(third.id, resident.email.toUpperCase());
    const data = (await asWritten(petitionPersonalData.collect(db, resident.id))) as { petitions: Array<{ id: number }>; signatures: Array<{ petitionId: number; email: string }> };
    expect(data.petitions.map((p) => p.id)).toEqual([own.id]);
    expect(data.signatures.map((s) => s.petitionId).sort()).toEqual([other.id, third.id].sort());
  });

  it("erases by anonymising the signatures, which keep counting; authored petitions stay, without their author", async () => {
    const resident = await createPerson({ email: `erase-${Date.now()}@example.org` });
    const own = await makePetition({ author: resident });
    const other = await makePetition();
    const third = await makePetition();
    await signAsResident(other.id, resident);
    await guestSignature(third.id, resident.email);
    await deleteAndErase(resident);
    for (const id of [other.id, third.id]) {
      const [row] = signaturesOf(id);
      expect(row).toMatchObject({ name: null, email: null, userId: null, status: "confirmed" });
      expect(counts(id)).toEqual({ support: 1, daily: 1, hoods: 1, confirmed: 1 });
    }
    expect(petitionRow(own.id).authorId).toBeNull();
    const after = (await asWritten(petitionPersonalData.collect(db, resident.id))) as { signatures: unknown[] };
    expect(after.signatures).toEqual([]);
  });
});

describe("the public page and open data", () => {
  it("lets a crowd of anonymous visitors share one render (microcache), never a signed-in person", async () => {
    const { id } = await makePetition();
    const anonymous = await get(page, id, `/petitions/${id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("X-Inspraak-Microcache")).toBe("2");
    expect(new Headers(page.headers({ loaderHeaders: anonymous.headers } as never)).get("X-Inspraak-Microcache")).toBe("2");
    const signedIn = await get(page, id, `/petitions/${id}`, (await createPerson()).cookie);
    expect(signedIn.headers.get("X-Inspraak-Microcache")).toBeNull();
  });

  it("hides hidden petitions from the public (404) but not from clerks", async () => {
    const { id } = await makePetition();
    db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
    expect((await get(page, id, `/petitions/${id}`)).status).toBe(404);
    expect((await get(page, id, `/petitions/${id}`, (await createPerson()).cookie)).status).toBe(404);
    expect((await get(page, id, `/petitions/${id}`, (await createPerson({ roles: ["clerk"] })).cookie)).status).toBe(200);
    expect((await get(count, id, `/petitions/${id}/count`)).status).toBe(404);
    expect((await get(json, id, `/petitions/${id}/data.json`)).status).toBe(404);
    const open = await callRoute(list, { path: "/petitions?status=open" });
    expect(open.data.items.map((i: { id: number }) => i.id)).not.toContain(id);
  });

  it("gives the live count as small JSON, cached for anonymous visitors", async () => {
    const { id } = await makePetition();
    await signAsResident(id, await createPerson());
    const result = await get(count, id, `/petitions/${id}/count`);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ id, count: 1, status: "open" });
    expect(new Date(result.data.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(result.headers.get("X-Inspraak-Microcache")).toBe("2");
    const draft = await makePetition({ stage: "draft" });
    expect((await get(count, draft.id, `/petitions/${draft.id}/count`)).status).toBe(404);
    expect((await callRoute(count, { path: "/petitions/x/count", params: { id: "x" } })).status).toBe(404);
  });

  it("publishes open data as JSON without personal data", async () => {
    const { id } = await makePetition();
    const resident = await createPerson({ name: "Zeer Geheime Naam" });
    await signAsResident(id, resident, { showName: "on" });
    const email = await guestSignature(id);
    const result = await get(json, id, `/petitions/${id}/data.json`);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ id, status: "open", signatureCount: 2 });
    expect(result.data.signaturesPerDay).toHaveLength(1);
    expect(result.data.signaturesPerDay[0].count).toBe(2);
    expect(result.data.signaturesPerNeighbourhood.reduce((s: number, n: { count: number }) => s + n.count, 0)).toBe(2);
    const text = JSON.stringify(result.data);
    for (const secret of ["Zeer Geheime Naam", resident.email, email, "9903"]) expect(text).not.toContain(secret);
  });

  it("neutralises spreadsheet formulas in the CSV", async () => {
    const { id } = await makePetition({ title: "=HYPERLINK(\"http://evil.example\",\"klik\")" });
    await signAsResident(id, await createPerson());
    const result = await get(csv, id, `/petitions/${id}/data.csv`);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("text/csv");
    const lines = String(result.data).split("\r\n");
    expect(lines).toContain(`petition,title,"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(lines.some((l) => l.startsWith("day,") && l.endsWith(",1"))).toBe(true);
    expect(lines.some((l) => /(^|,)[=+\-@]/.test(l))).toBe(false);
  });
});

describe("the list", () => {
  it("filters, sorts and pages through query parameters", async () => {
    const small = await makePetition({ title: "Zoekbare petitie over fietsenstallingen" });
    const big = await makePetition({ title: "Zoekbare petitie over speeltuinen" });
    for (let i = 0; i < 3; i++) await signAsResident(big.id, await createPerson());
    await signAsResident(small.id, await createPerson());
    const result = await callRoute(list, { path: "/petitions?status=open&sort=signatures&q=Zoekbare" });
    expect(result.status).toBe(200);
    expect(result.data.items.map((i: { id: number }) => i.id)).toEqual([big.id, small.id]);
    const newest = await callRoute(list, { path: "/petitions?status=open&sort=newest&q=zoekbare" });
    expect(newest.data.items.map((i: { id: number }) => i.id)).toEqual([big.id, small.id]);
    const like = await callRoute(list, { path: "/petitions?q=%25" });
    expect(like.data.items).toEqual([]);
  });

  it.each([
    "/petitions?status=everything&sort=sideways&page=-4",
    "/petitions?page=abc",
    "/petitions?page=99999999999",
    "/petitions?status=open&status=rejected",
    "/petitions?after=%00%27%3B--",
    `/petitions?before=${Buffer.from('["1e400", 3]').toString("base64url")}`,
    `/petitions?after=${Buffer.from("[1.5, 2]").toString("base64url")}`,
    `/petitions?after=${"A".repeat(10_000)}`,
  ])("falls back to the defaults for bad values (%s), never a 500", async (path) => {
    const result = await callRoute(list, { path });
    expect(result.status).toBe(200);
    expect(result.data.prev).toBeNull();
    expect(Array.isArray(result.data.items)).toBe(true);
  });

  it("answers a search that is too long with a 400 and a message", async () => {
    const result = await callRoute(list, { path: `/petitions?q=${"a".repeat(201)}` });
    expect(result.status).toBe(400);
    expect(result.data.error).toContain("200");
  });

  it("shows rejected petitions under their own filter only", async () => {
    const { id } = await makePetition({ stage: "submitted" });
    const { rejectPetition } = await import("~/modules/petitions/petitions.lifecycle.server");
    const { actorOf, clerk } = await import("./helpers");
    rejectPetition(actorOf(await clerk()), id, { code: "duplicate" });
    const rejected = await callRoute(list, { path: "/petitions?status=rejected" });
    expect(rejected.data.items.map((i: { id: number }) => i.id)).toContain(id);
    const open = await callRoute(list, { path: "/petitions?status=open" });
    expect(open.data.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect(db.select().from(signatures).where(eq(signatures.topicId, id)).all()).toEqual([]);
  });
});
