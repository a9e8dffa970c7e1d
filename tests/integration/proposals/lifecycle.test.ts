// An agenda proposal from draft to the clerks' decision, through its routes: only its author sees
// and submits a draft; only clerks check admissibility (the forbidden refused, nothing changed);
// a decision is audited and told to the author through the outcome service; the waiting period
// after a council decision on the same subject; the settings from the verordening.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { proposals } from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import { recordOutcome } from "~/modules/topics/outcomes.server";
import * as adminSettings from "~/routes/admin.settings";
import * as check from "~/routes/proposals.$id_.check";
import * as page from "~/routes/proposals.$id";
import * as queue from "~/routes/proposals.admissibility";
import * as create from "~/routes/proposals.new";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { ensureNeighbourhoods } from "../petitions/helpers";
import { actorOf, auditOf, clerk, eventsOf, makeProposal, noticesOf, proposalSettings, topicRow } from "./helpers";

beforeAll(() => ensureNeighbourhoods());
beforeEach(() => proposalSettings({ threshold: 500, days: 90, who: "verified-residents", age: 16 }));

const checkForm = (id: number, form: Record<string, string>, cookie?: string) =>
  callRoute(check, { method: "POST", path: `/proposals/${id}/check`, params: { id: String(id) }, form, cookie });

describe("drafting and submitting", () => {
  it("shows the excluded subjects before drafting, keeps the draft to its author, and submits it with the confirmation", async () => {
    const author = await createPerson();
    const form = await callRoute(create, { path: "/proposals/new", cookie: author.cookie });
    expect(form.data.rules.excludedSubjects).toContain("De gemeentebegroting");
    const loaded = await callRoute(create, { path: "/proposals/new", cookie: author.cookie });
    const made = await callRoute(create, {
      method: "POST", path: "/proposals/new", cookie: author.cookie,
      form: { submission: loaded.data.submission, title: "Meer bomen in de Bloemenbuurt", decision: "De raad besluit honderd bomen te planten in de Bloemenbuurt.", reasons: "Schaduw in de zomer.", neighbourhoodId: "" },
    });
    expect(made.status).toBe(302);
    const id = Number(made.location!.split("/").pop());
    expect(topicRow(id)).toMatchObject({ status: "draft", isPublic: false });
    expect((await callRoute(page, { path: `/proposals/${id}`, params: { id: String(id) } })).status).toBe(404);
    expect((await callRoute(page, { path: `/proposals/${id}`, params: { id: String(id) }, cookie: (await createPerson()).cookie })).status).toBe(404);
    const own = await callRoute(page, { path: `/proposals/${id}`, params: { id: String(id) }, cookie: author.cookie });
    expect(own.status).toBe(200);
    expect(own.data.beforeSubmit.excludedSubjects.length).toBeGreaterThan(0);

    const unconfirmed = await callRoute(page, { method: "POST", path: `/proposals/${id}`, params: { id: String(id) }, cookie: author.cookie, form: { intent: "submit" } });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.notExcluded).toBe("Bevestig dat uw voorstel niet over een uitgezonderd onderwerp gaat.");
    expect(topicRow(id).status).toBe("draft");
    const submitted = await callRoute(page, { method: "POST", path: `/proposals/${id}`, params: { id: String(id) }, cookie: author.cookie, form: { intent: "submit", notExcluded: "on" } });
    expect(submitted.status).toBe(302);
    expect(topicRow(id).status).toBe("submitted");
    const due = db.select({ due: proposals.admissibilityDueAt }).from(proposals).where(eq(proposals.topicId, id)).get()!.due!;
    expect(Math.round((due.getTime() - topicRow(id).submittedAt!.getTime()) / 86_400_000)).toBe(getSetting("proposalAdmissibilityDays"));
  });

  it("refuses bad input beside the field with a 400, and writes nothing", async () => {
    const author = await createPerson({ locale: "en" });
    const loaded = await callRoute(create, { path: "/proposals/new", cookie: author.cookie });
    const bad = await callRoute(create, {
      method: "POST", path: "/proposals/new", cookie: author.cookie,
      form: { submission: loaded.data.submission, title: "Een bankje bij de vijver", decision: "De raad besluit een bankje te plaatsen bij de vijver.", reasons: "x", neighbourhoodId: "99999" },
    });
    expect(bad.status).toBe(422);
    expect(bad.data.errors.neighbourhoodId).toBe("Choose a neighbourhood from the list.");
    const { topics } = await import("#db/schema");
    expect(db.select().from(topics).where(eq(topics.authorId, author.id)).all()).toEqual([]);
    const tooShort = await callRoute(create, {
      method: "POST", path: "/proposals/new", cookie: author.cookie,
      form: { submission: loaded.data.submission, title: "Kort", decision: "", reasons: "x", neighbourhoodId: "" },
    });
    expect(tooShort.status).toBe(400);
    expect(Object.keys(tooShort.data.errors).sort()).toEqual(["decision", "title"]);
  });
});

describe("the admissibility check", () => {
  it("is for clerks only: the queue and the decision, a forbidden decision changing nothing", async () => {
    await expectPermissions({ route: queue, request: () => ({ path: "/proposals/admissibility" }), allowed: ["clerk"] });
    let id = 0;
    await expectPermissions({
      route: check,
      request: async () => {
        id = (await makeProposal({ stage: "submitted" })).id;
        return { method: "POST", path: `/proposals/${id}/check`, params: { id: String(id) }, form: { decision: "admissible" } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(topicRow(id).status).toBe("collecting"),
      onRefused: () => {
        expect(topicRow(id).status).toBe("submitted");
        expect(auditOf(id)).toEqual([]);
      },
    });
  });

  it("lists what waits by deadline, with the overdue marked", async () => {
    const old = await makeProposal({ stage: "submitted", at: new Date(Date.now() - 30 * 86_400_000) });
    const fresh = await makeProposal({ stage: "submitted" });
    const listed = await callRoute(queue, { path: "/proposals/admissibility", cookie: (await createPerson({ roles: ["clerk"] })).cookie });
    const rows = listed.data.rows as Array<{ id: number; overdue: boolean }>;
    const at = (id: number) => rows.findIndex((r) => r.id === id);
    expect(at(old.id)).toBeGreaterThanOrEqual(0);
    expect(at(old.id)).toBeLessThan(at(fresh.id) === -1 ? Infinity : at(fresh.id));
    expect(rows.find((r) => r.id === old.id)!.overdue).toBe(true);
    if (at(fresh.id) !== -1) expect(rows.find((r) => r.id === fresh.id)!.overdue).toBe(false);
  });

  it("admits: the window opens with the threshold of now, audited, the author told", async () => {
    proposalSettings({ threshold: 321, days: 60 });
    const { id, author } = await makeProposal({ stage: "submitted" });
    const answer = await checkForm(id, { decision: "admissible", note: "Valt onder de raad." }, (await clerk()).cookie);
    expect(answer.status).toBe(302);
    const row = topicRow(id);
    expect(row).toMatchObject({ status: "collecting", isPublic: true });
    expect(Math.round((row.closesAt!.getTime() - Date.now()) / 86_400_000)).toBe(60);
    expect(db.select().from(proposals).where(eq(proposals.topicId, id)).get()!.threshold).toBe(321);
    expect(auditOf(id)).toEqual(["proposal.admissible"]);
    expect(noticesOf(author.id, id)).toEqual(["proposal.notice.admissible"]);
    // The same decision again is the same request.
    expect((await checkForm(id, { decision: "admissible" }, (await clerk()).cookie)).status).toBe(302);
    expect(auditOf(id)).toEqual(["proposal.admissible"]);
  });

  it("takes the threshold as a percentage of the residents the admin set", async () => {
    const { updateSettings } = await import("~/modules/settings/settings.server");
    updateSettings(null, { proposalThresholdType: "percentage", proposalThresholdPercentage: 0.5, proposalResidentCount: 200_000 });
    const { id } = await makeProposal();
    expect(db.select().from(proposals).where(eq(proposals.topicId, id)).get()!.threshold).toBe(1_000);
  });

  it("refuses as inadmissible with a reason code and note, told to the author; without them a translated message beside the field", async () => {
    const { id, author } = await makeProposal({ stage: "submitted" });
    const cookie = (await clerk()).cookie;
    const missing = await checkForm(id, { decision: "inadmissible" }, cookie);
    expect(missing.status).toBe(400);
    expect(missing.data.errors.reason).toBe("Kies de reden waarom het voorstel niet ontvankelijk is.");
    expect(missing.data.errors.note).toBeTruthy();
    expect(topicRow(id).status).toBe("submitted");
    const refused = await checkForm(id, { decision: "inadmissible", reason: "excluded-subject", note: "Over belastingen gaat de raad niet via een initiatief." }, cookie);
    expect(refused.status).toBe(302);
    expect(topicRow(id)).toMatchObject({ status: "inadmissible", isPublic: true });
    expect(noticesOf(author.id, id)).toEqual(["proposal.notice.inadmissible.excluded-subject"]);
    expect(eventsOf(id)).toContain("inadmissible");
    expect(auditOf(id)).toEqual(["proposal.inadmissible"]);
  });

  it("applies the waiting period to the earlier topic the clerk names", async () => {
    const cookie = (await clerk()).cookie;
    const earlier = await makeProposal();
    db.transaction((tx) =>
      recordOutcome(tx, { topicId: earlier.id, type: "decided", payload: {}, actor: null, outcome: { type: "decision", result: "rejected", body: "De raad wees het af." } }),
    );
    const { id } = await makeProposal({ stage: "submitted" });
    const admit = await checkForm(id, { decision: "admissible", earlierTopicId: String(earlier.id) }, cookie);
    expect(admit.status).toBe(422);
    expect(admit.data.errors.decision).toMatch(/wachttermijn/);
    expect(topicRow(id).status).toBe("submitted");
    const unfounded = await checkForm(id, { decision: "inadmissible", reason: "recently-decided", note: "Al besloten." }, cookie);
    expect(unfounded.status).toBe(422);
    expect(unfounded.data.errors.earlierTopicId).toBeTruthy();
    const tampered = await checkForm(id, { decision: "admissible", earlierTopicId: "abc" }, cookie);
    expect(tampered.status).toBe(400);
    const refused = await checkForm(id, { decision: "inadmissible", reason: "recently-decided", note: "Al besloten.", earlierTopicId: String(earlier.id) }, cookie);
    expect(refused.status).toBe(302);
    expect(topicRow(id).status).toBe("inadmissible");
  });

  it("lets the author withdraw, and nobody else", async () => {
    const { id, author } = await makeProposal();
    const other = await createPerson();
    const refused = await callRoute(page, { method: "POST", path: `/proposals/${id}`, params: { id: String(id) }, cookie: other.cookie, form: { intent: "withdraw" } });
    expect(refused.status).toBe(422);
    expect(topicRow(id).status).toBe("collecting");
    await callRoute(page, { method: "POST", path: `/proposals/${id}`, params: { id: String(id) }, cookie: author.cookie, form: { intent: "withdraw" } });
    expect(topicRow(id).status).toBe("withdrawn");
    void actorOf;
  });
});

describe("the verordening's settings", () => {
  it("are on the admin settings page with their range, and a bad value is refused beside its field", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const shown = await callRoute(adminSettings, { path: "/admin/settings", cookie: admin.cookie });
    const fields = (shown.data.sections as Array<{ fields: Array<{ key: string; value: unknown }> }>).flatMap((section) => section.fields);
    const keys = fields.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["proposalThresholdType", "proposalThresholdPercentage", "proposalResidentCount", "proposalSupportDays", "proposalWhoMaySupport", "proposalMinimumAge", "proposalExcludedSubjects", "proposalWaitingMonths", "proposalAdmissibilityDays"]));
    const form = Object.fromEntries(fields.map((f) => [f.key, f.value === null || f.value === undefined ? "" : String(f.value)]));
    const bad = await callRoute(adminSettings, { method: "POST", path: "/admin/settings", cookie: admin.cookie, form: { ...form, proposalSupportDays: "3", proposalThresholdType: "percentage", proposalResidentCount: "0" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.proposalSupportDays).toBe("Kies een heel getal van 7 tot en met 365 dagen.");
    expect(bad.data.errors.proposalResidentCount).toBe("Vul het aantal inwoners in: de drempel is een percentage daarvan.");
    const good = await callRoute(adminSettings, { method: "POST", path: "/admin/settings", cookie: admin.cookie, form: { ...form, proposalThresholdType: "percentage", proposalThresholdPercentage: "0.25" } });
    expect(good.status).toBe(302);
    expect(getSetting("proposalThresholdPercentage")).toBe(0.25);
  });
});

describe("the council part", () => {
  it("lists a proposal past its threshold as awaiting the council; a decision decides it, a referral leaves it awaiting", async () => {
    const { kindServerManifest } = await import("~/modules/topics/topics.kinds.server");
    const council = kindServerManifest("proposal").council!;
    proposalSettings({ threshold: 1 });
    const { id } = await makeProposal();
    const { supportTopic } = await import("~/modules/support/support.topics.server");
    const { proposalSupportSpec } = await import("~/modules/proposals/proposals.support.server");
    const { verifiedResident } = await import("./helpers");
    expect(supportTopic(proposalSupportSpec, await verifiedResident(), id).ok).toBe(true);
    expect(council.awaitingIn).toContain(topicRow(id).status);
    expect(db.transaction((tx) => council.applyDecision(tx, { topicId: id, decision: "referred", at: new Date() }))).toEqual({ ok: true });
    expect(topicRow(id).status).toBe("threshold-reached");
    expect(db.transaction((tx) => council.applyDecision(tx, { topicId: id, decision: "adopted", at: new Date() }))).toEqual({ ok: true });
    expect(council.decidedIn).toContain(topicRow(id).status);
    // A second decision finds it decided: refused, nothing written.
    expect(db.transaction((tx) => council.applyDecision(tx, { topicId: id, decision: "rejected", at: new Date() })).ok).toBe(false);
    const collecting = await makeProposal();
    expect(db.transaction((tx) => council.applyDecision(tx, { topicId: collecting.id, decision: "adopted", at: new Date() })).ok).toBe(false);
    expect(topicRow(collecting.id).status).toBe("collecting");
    const noted = await makeProposal({ stage: "submitted" });
    await checkForm(noted.id, { decision: "admissible", note: "Ontvankelijk." }, (await clerk()).cookie);
    expect(council.admissibilityNotes!([noted.id, id]).get(noted.id)).toBe("Ontvankelijk.");
  });
});
