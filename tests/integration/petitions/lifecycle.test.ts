import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, emailOutbox, follows, nextSteps, notifications, topics } from "#db/schema";
import { db } from "~/utils/db.server";
import { searchTopics } from "~/modules/topics/topics.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { sendSignerMailings } from "../../support/mailings";
import { supportJobs } from "~/modules/support/support.jobs.server";
import { runDueJobs } from "~/utils/jobs.server";
import * as newPage from "~/routes/petitions.new";
import * as editPage from "~/routes/petitions.$id_.edit";
import * as page from "~/routes/petitions.$id";
import * as manage from "~/routes/petitions.$id_.manage";
import * as queue from "~/routes/petitions.moderation";
import * as list from "~/routes/petitions._index";
import * as mine from "~/routes/petitions.mine";
import * as sponsor from "~/routes/petitions.$id_.sponsor";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import {
  clerk,
  CONFIRM_LINK,
  counts,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  petitionRow,
  signAsGuest,
  signAsResident,
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
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const draftForm = (extra: Record<string, string> = {}) => ({
  title: "Meer speeltuinen in de wijk Noord",
  request: "Wij vragen de gemeenteraad om twee nieuwe speeltuinen aan te leggen in Noord.",
  background: "Er is *geen enkele* speeltuin binnen 500 meter.",
  neighbourhoodId: "",
  deadline: "",
  ...extra,
});
const manageCall = (id: number, cookie: string | null, form: Record<string, string>) =>
  callRoute(manage, { path: `/petitions/${id}/manage`, params: { id: String(id) }, form, cookie });
const topicCount = () => db.select({ n: sql<number>`count(*)` }).from(topics).get()!.n;

describe("a resident drafts, previews and submits", () => {
  it("creates a draft only they can see, edits it and submits it to the clerk's queue", async () => {
    const resident = await createPerson();
    const created = await callRoute(newPage, { path: "/petitions/new", form: draftForm({ deadline: isoDay(30) }), cookie: resident.cookie });
    expect(created.status).toBe(302);
    const id = Number(created.location!.split("/").pop());
    expect(petitionRow(id)).toMatchObject({ status: "draft", isPublic: false, authorId: resident.id });

    // Nobody else sees the draft: the public gets a 404.
    expect((await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) } })).status).toBe(404);
    expect((await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, cookie: (await createPerson()).cookie })).status).toBe(404);
    const preview = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, cookie: resident.cookie });
    expect(preview.status).toBe(200);
    expect(preview.data.canEdit).toBe(true);

    const edited = await callRoute(editPage, { path: `/petitions/${id}/edit`, params: { id: String(id) }, form: draftForm({ title: "Meer speeltuinen in Noord, nu!" }), cookie: resident.cookie });
    expect(edited.status).toBe(302);
    expect(petitionRow(id).title).toBe("Meer speeltuinen in Noord, nu!");

    const submitted = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: { intent: "submit" }, cookie: resident.cookie });
    expect(submitted.status).toBe(302);
    expect(petitionRow(id).status).toBe("submitted");
    // A submitted petition can no longer be edited: its petitioner is told it went in (not a bare
    // 403), on the edit page and on a late post from an old tab; nothing changes.
    for (const form of [undefined, draftForm({ title: "Te laat gewijzigd" })]) {
      const late = await callRoute(editPage, { path: `/petitions/${id}/edit`, params: { id: String(id) }, form, cookie: resident.cookie });
      expect(late.status).toBe(302);
      expect(late.location).toBe(`/petitions/${id}`);
      expect(late.headers.get("Set-Cookie")).toContain("inspraak_toast");
    }
    expect(petitionRow(id).title).toBe("Meer speeltuinen in Noord, nu!");
    // Anyone else who may read it (a clerk) is still refused.
    expect((await callRoute(editPage, { path: `/petitions/${id}/edit`, params: { id: String(id) }, cookie: (await clerk()).cookie })).status).toBe(403);

    const theClerk = await clerk();
    const waiting = await callRoute(queue, { path: "/petitions/moderation", cookie: theClerk.cookie });
    expect(waiting.data.queue.map((q: { id: number }) => q.id)).toContain(id);
    const myList = await callRoute(mine, { path: "/petitions/mine", cookie: resident.cookie });
    expect(myList.data.authored.items.map((p: { id: number }) => p.id)).toEqual([id]);
  });

  it.each([
    ["a title that is too short", { title: "Kort" }, "title", 400],
    ["a title that is too long", { title: "x".repeat(121) }, "title", 400],
    ["an empty request", { request: "" }, "request", 400],
    ["a request that is too long", { request: "y".repeat(1001) }, "request", 400],
    ["a background that is too long", { background: "z".repeat(10_001) }, "background", 400],
    ["a deadline in the past", { deadline: isoDay(-2) }, "deadline", 422],
    ["a deadline beyond the allowed duration", { deadline: isoDay(120) }, "deadline", 422],
    ["a date that does not exist", { deadline: "2025-02-30" }, "deadline", 400],
    ["a neighbourhood that does not exist", { neighbourhoodId: "9999" }, "neighbourhoodId", 422],
    ["a neighbourhood that is not a number", { neighbourhoodId: "abc" }, "neighbourhoodId", 400],
  ])("refuses %s with a translated message beside the field, and creates nothing", async (_label, change, field, status) => {
    const resident = await createPerson();
    const before = topicCount();
    const result = await callRoute(newPage, { path: "/petitions/new", form: draftForm(change), cookie: resident.cookie });
    expect(result.status).toBe(status);
    expect(result.data.errors[field]).toMatch(/\w{3,}/);
    expect(topicCount()).toBe(before);
  });

  it("only residents with a confirmed address may start one; visitors are sent to sign in", async () => {
    await expectPermissions({
      route: newPage,
      request: () => ({ path: "/petitions/new", form: draftForm() }),
      allowed: ["resident"],
    });
  });

  it("with co-sponsors required goes to moderation once enough residents signed on through the shared link", async () => {
    updateSettings(null, { petitionSponsorsRequired: 2 });
    const { id, author } = await makePetition({ stage: "submitted" });
    updateSettings(null, { petitionSponsorsRequired: 0 });
    const row = petitionRow(id);
    expect(row).toMatchObject({ status: "awaiting-sponsors", sponsorsRequired: 2 });
    const token = row.sponsorToken!;
    const call = (cookie: string, t = token) => callRoute(sponsor, { path: `/petitions/${id}/sponsor?token=${t}`, params: { id: String(id) }, form: { token: t }, cookie });
    expect((await call(author.cookie)).status).toBe(403);
    expect((await call((await createPerson()).cookie, "wrong-token")).status).toBe(404);
    const first = await createPerson();
    await call(first.cookie);
    await call(first.cookie);
    expect(petitionRow(id)).toMatchObject({ status: "awaiting-sponsors", sponsorCount: 1 });
    await call((await createPerson()).cookie);
    expect(petitionRow(id)).toMatchObject({ status: "submitted", sponsorCount: 2 });
  });
});

describe("a clerk moderates", () => {
  it("publishes: the petition is public, open, with thresholds and a deadline; the petitioner is told", async () => {
    const { id, author } = await makePetition({ stage: "submitted" });
    const theClerk = await clerk();
    const result = await manageCall(id, theClerk.cookie, { intent: "publish" });
    expect(result.status).toBe(302);
    const row = petitionRow(id);
    expect(row).toMatchObject({ status: "open", isPublic: true, responseThreshold: 500, debateThreshold: 2000 });
    expect(row.closesAt!.getTime()).toBeGreaterThan(Date.now() + 89 * DAY);
    const notes = db.select().from(notifications).where(eq(notifications.userId, author.id)).all().map((n) => n.type);
    expect(notes).toContain("petition.notification.published");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.entityId, String(id)), eq(auditLog.action, "petition.publish"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(theClerk.id);
  });

  it("is the only one who may publish: guests, residents, councillors and admins are refused and nothing changes", async () => {
    let current = 0;
    await expectPermissions({
      route: manage,
      request: async () => {
        current = (await makePetition({ stage: "submitted" })).id;
        return { path: `/petitions/${current}/manage`, params: { id: String(current) }, form: { intent: "publish" } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(petitionRow(current).status).toBe("open"),
      onRefused: () => expect(petitionRow(current)).toMatchObject({ status: "submitted", isPublic: false }),
    });
  });

  it("is the only one who may see the queue and record an outcome", async () => {
    await expectPermissions({ route: queue, request: () => ({ path: "/petitions/moderation" }), allowed: ["clerk"] });
    await expectPermissions({
      route: manage,
      request: async () => {
        const { id } = await makePetition();
        return { path: `/petitions/${id}/manage`, params: { id: String(id) }, form: { intent: "respond", responseText: "Het antwoord van de raad.", responseResponsible: "De raad" } };
      },
      allowed: ["clerk"],
    });
  });

  it("rejects with a public reason code and note; the reason is shown and the petitioner told why", async () => {
    const { id, author } = await makePetition({ stage: "submitted" });
    const result = await manageCall(id, (await clerk()).cookie, { intent: "reject", code: "not-competent", note: "Dit is een zaak van de provincie." });
    expect(result.status).toBe(302);
    expect(petitionRow(id)).toMatchObject({ status: "rejected", isPublic: true, rejectionCode: "not-competent", hideText: false });
    const view = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, headers: { "Accept-Language": "en" } });
    expect(view.status).toBe(200);
    expect(view.data.petition).toMatchObject({ rejectionCode: "not-competent", rejectionNote: "Dit is een zaak van de provincie." });
    expect(view.data.timeline.at(-1)).toMatchObject({ type: "rejected", data: { reason: "petition.rejection.not-competent" } });
    expect(view.data.sign.signable).toBe(false);
    await drain(mail);
    // The outbox sends in parallel: find the message by what it says, not by when it arrived.
    const told = mail.to(author.email).filter((m) => m.text.includes("bevoegdheid van de gemeente"));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Dit is een zaak van de provincie.");
  });

  it("rejects offensive text: only the reason stays public, the text is out of lists, search and open data", async () => {
    const { id } = await makePetition({ stage: "submitted", title: "Schandalige woorden over de buurman Jansen", request: "Wij vragen de gemeenteraad buurman Jansen uit de stad te zetten." });
    await manageCall(id, (await clerk()).cookie, { intent: "reject", code: "offensive" });
    const view = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) } });
    expect(view.data.petition).toMatchObject({ title: null, request: null, bodyHtml: "", rejectionCode: "offensive" });
    expect(JSON.stringify(view.data)).not.toContain("Jansen");
    expect(searchTopics("Schandalige").hits).toEqual([]);
    const rejected = await callRoute(list, { path: "/petitions?status=rejected" });
    expect(JSON.stringify(rejected.data)).not.toContain("Schandalige");
    const asClerk = await callRoute(manage, { path: `/petitions/${id}/manage`, params: { id: String(id) }, cookie: (await clerk()).cookie });
    expect(asClerk.data.petition.title).toBe("Schandalige woorden over de buurman Jansen");
  });

  it.each([
    ["no reason", { code: "" }, "code", 400],
    ["an unknown reason", { code: "because" }, "code", 400],
    ["a note that is too long", { code: "other", note: "n".repeat(2001) }, "note", 400],
    ["reason 'other' and no note", { code: "other" }, "note", 400],
    ["reason 'other' and a blank note", { code: "other", note: "   " }, "note", 400],
  ])("refuses a rejection with %s and changes nothing", async (_label, change, field, status) => {
    const { id } = await makePetition({ stage: "submitted" });
    const result = await manageCall(id, (await clerk()).cookie, { intent: "reject", ...change });
    expect(result.status).toBe(status);
    expect(result.data.errors[field]).toMatch(/\w{3,}/);
    expect(petitionRow(id).status).toBe("submitted");
  });

  it("asks for the note with reason 'other' in the clerk's language, and takes it with one", async () => {
    const { id } = await makePetition({ stage: "submitted" });
    const englishClerk = await createPerson({ roles: ["clerk"], locale: "en" });
    const dutch = await manageCall(id, (await clerk()).cookie, { intent: "reject", code: "other", note: "" });
    expect(dutch.data.errors.note).toBe("Schrijf een toelichting: bij ‘Om een andere reden’ leest de indiener alleen hier waarom.");
    const english = await manageCall(id, englishClerk.cookie, { intent: "reject", code: "other" });
    expect(english.data.errors.note).toBe("Write a note: with ‘For another reason’ this is the only place the petitioner reads why.");
    expect(petitionRow(id).status).toBe("submitted");
    const done = await manageCall(id, (await clerk()).cookie, { intent: "reject", code: "other", note: "Een petitie over de provincie hoort bij de provincie." });
    expect(done.status).toBe(302);
    expect(petitionRow(id)).toMatchObject({ status: "rejected", rejectionCode: "other", rejectionNote: "Een petitie over de provincie hoort bij de provincie." });
  });

  it("cannot reject a petition that crossed its response threshold", async () => {
    const { id } = await makePetition();
    db.update(topics).set({ status: "response-requested" }).where(eq(topics.id, id)).run();
    const result = await manageCall(id, (await clerk()).cookie, { intent: "reject", code: "unclear" });
    expect(result.status).toBe(422);
    expect(result.data.errors.form).toContain("niet");
    expect(petitionRow(id).status).toBe("response-requested");
  });

  it("answers a tampered id with a 404 and an unknown intent with a 400", async () => {
    const theClerk = await clerk();
    expect((await manageCall(99_999, theClerk.cookie, { intent: "publish" })).status).toBe(404);
    const { id } = await makePetition({ stage: "submitted" });
    expect((await manageCall(id, theClerk.cookie, { intent: "explode" })).status).toBe(400);
  });

  it("lists the queue oldest first and flags what waited too long", async () => {
    const old = await makePetition({ stage: "submitted" });
    db.update(topics).set({ submittedAt: new Date(Date.now() - 10 * DAY) }).where(eq(topics.id, old.id)).run();
    const fresh = await makePetition({ stage: "submitted" });
    const result = await callRoute(queue, { path: "/petitions/moderation", cookie: (await clerk()).cookie });
    const rows = result.data.queue as Array<{ id: number; overdue: boolean; daysInQueue: number }>;
    expect(rows[0]).toMatchObject({ id: old.id, overdue: true, daysInQueue: 10 });
    expect(rows.find((r) => r.id === fresh.id)).toMatchObject({ overdue: false, daysInQueue: 0 });
  });
});

describe("the council's answer reaches every signer", () => {
  it("emails the response to every confirmed signer exactly once, however often the outbox runs", async () => {
    const { id, author } = await makePetition();
    const guests = [uniqueEmail("g1"), uniqueEmail("g2"), uniqueEmail("g3")];
    for (const email of guests) await signAsGuest(id, email);
    await drain(mail);
    for (const email of guests) await followLink(mail.linkTo(email, CONFIRM_LINK)!);
    const pendingGuest = uniqueEmail("never-confirmed");
    await signAsGuest(id, pendingGuest);
    const resident = await createPerson({ emailPreference: "off" });
    await signAsResident(id, resident);
    const immediate = await createPerson();
    await signAsResident(id, immediate);
    const follower = await createPerson();
    db.insert(follows).values({ userId: follower.id, topicId: id }).run();
    expect(counts(id).support).toBe(5);
    await drain(mail);

    // First the clerk sees the response as signers will read it, and to how many it goes: nothing is written.
    const response = { intent: "respond", responseText: "De raad neemt uw verzoek over en maakt er **geld** voor vrij. <script>x()</script>", responseResponsible: "Gemeenteraad van Voorbeeldstad" };
    const preview = await manageCall(id, (await clerk()).cookie, { ...response, step: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toEqual({ html: expect.stringContaining("<strong>geld</strong>"), recipients: 5 });
    expect(preview.data.preview.html).not.toContain("<script");
    expect(preview.data.values).toMatchObject({ responseText: response.responseText });
    expect(petitionRow(id).status).toBe("open");
    expect(await drain(mail)).toEqual([]);
    const badPreview = await manageCall(id, (await clerk()).cookie, { ...response, responseText: "kort", step: "preview" });
    expect(badPreview.status).toBe(400);
    expect(badPreview.data.preview).toBeUndefined();

    const result = await manageCall(id, (await clerk()).cookie, { ...response, step: "publish" });
    expect(result.status).toBe(302);
    expect(petitionRow(id).status).toBe("responded");
    // The signers are mailed by the fan-out job, not in the decision's transaction.
    await runDueJobs(new Date(), supportJobs.filter((job) => job.name === "support-mailings"));
    const first = await drain(mail);
    const second = await drain(mail);
    expect(second).toEqual([]);
    const responses = first.filter((m) => m.subject.includes("geantwoord"));
    const recipients = responses.flatMap((m) => m.to).sort();
    // A signer whose account takes no email hears it in the inbox only (their outcomes channel: off);
    // guests have no account and no choice but unsubscribing, so they get the full text.
    expect(recipients).toEqual([...guests, immediate.email].sort());
    expect(db.select().from(notifications).where(and(eq(notifications.userId, resident.id), eq(notifications.topicId, id))).all().length).toBeGreaterThan(0);
    // The petitioner, who did not sign, hears it through the notice.
    expect(first.filter((m) => m.to.includes(author.email))).toHaveLength(1);
    expect(responses[0]!.text).toContain("geld");
    expect(first.filter((m) => m.to.includes(pendingGuest))).toEqual([]);
    // The follower who did not sign is told through the notice.
    expect(first.filter((m) => m.to.includes(follower.email))).toHaveLength(1);

    // Recording it again is refused and sends nothing.
    const again = await manageCall(id, (await clerk()).cookie, { intent: "respond", responseText: "Nog een keer het antwoord.", responseResponsible: "De raad" });
    expect(again.status).toBe(422);
    expect(await drain(mail)).toEqual([]);
    const outbox = db.select({ n: sql<number>`count(*)` }).from(emailOutbox).where(sql`${emailOutbox.dedupeKey} LIKE ${`petition-responded:${id}:%`}`).get()!.n;
    // Four signers by email, the petitioner's and the follower's notices: six, each once.
    expect(outbox).toBe(6);
  });

  it("schedules the debate, records its outcome and mails it; next steps are added and marked done, all audited", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("debate");
    await signAsGuest(id, email);
    await drain(mail);
    await followLink(mail.linkTo(email, CONFIRM_LINK)!);
    const cookie = (await clerk()).cookie;

    expect((await manageCall(id, cookie, { intent: "record-debate", debateText: "Te vroeg voor een debat.", debateResponsible: "De raad" })).status).toBe(422);
    expect((await manageCall(id, cookie, { intent: "schedule-debate", meetingDate: isoDay(-5) })).status).toBe(422);
    expect((await manageCall(id, cookie, { intent: "schedule-debate", meetingDate: "next tuesday" })).status).toBe(400);
    expect((await manageCall(id, cookie, { intent: "schedule-debate", meetingDate: isoDay(14) })).status).toBe(302);
    expect(petitionRow(id).status).toBe("debate-scheduled");
    expect((await manageCall(id, cookie, { intent: "record-debate", debateText: "De raad besprak de petitie en nam een motie aan.", debateResponsible: "Gemeenteraad" })).status).toBe(302);
    expect(petitionRow(id).status).toBe("debated");
    await sendSignerMailings();
    const delivered = await drain(mail);
    // The guest signer hears of each step: the debate scheduled, then its outcome with the text.
    expect(delivered.filter((m) => m.to.includes(email) && m.subject.includes("heeft ‘") && m.subject.includes("besproken"))).toHaveLength(1);
    expect(delivered.filter((m) => m.to.includes(email) && m.text.includes("wordt besproken in de raadsvergadering"))).toHaveLength(1);

    expect((await manageCall(id, cookie, { intent: "add-next-step", description: "x" })).status).toBe(400);
    // A new step cannot be late already: a past due date is refused beside the field, nothing added.
    const pastDue = await manageCall(id, cookie, { intent: "add-next-step", description: "Het college maakt een plan.", stepResponsible: "College", dueDate: isoDay(-1) });
    expect(pastDue.status).toBe(400);
    expect(pastDue.data.errors.dueDate).toBe("Kies een datum in de toekomst: een nieuwe stap kan niet al te laat zijn.");
    expect(db.select().from(nextSteps).where(eq(nextSteps.topicId, id)).all()).toHaveLength(0);
    expect((await manageCall(id, cookie, { intent: "add-next-step", description: "Het college maakt een plan.", stepResponsible: "College", dueDate: isoDay(7) })).status).toBe(302);
    const step = db.select().from(nextSteps).where(eq(nextSteps.topicId, id)).get()!;
    expect(step).toMatchObject({ status: "planned", responsibleBody: "College" });
    expect((await manageCall(id, cookie, { intent: "complete-next-step", stepId: String(step.id) })).status).toBe(302);
    expect((await manageCall(id, cookie, { intent: "complete-next-step", stepId: "99999" })).status).toBe(422);
    expect(db.select().from(nextSteps).where(eq(nextSteps.id, step.id)).get()!.status).toBe("done");

    const view = await callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) } });
    expect(view.data.outcome.outcomes.map((o: { type: string }) => o.type)).toEqual(["debate"]);
    expect(view.data.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(["published", "scheduled", "debated", "next-step-added", "next-step-done"]),
    );
    const actions = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(id))).all().map((a) => a.action);
    expect(actions).toEqual(["petition.publish", "petition.schedule-debate", "petition.record-debate", "petition.add-next-step", "petition.complete-next-step"]);
  });
});
