import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { nextSteps, notifications, topics, users } from "#db/schema";
import { translator } from "~/i18n";
import { createPetition, publishPetition, submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { localDayAndHour } from "~/utils/local-time";
import { sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { remindOverdueNextSteps, topicJobs } from "~/modules/topics/topics.jobs.server";
import { addNextStep as addStep } from "~/modules/topics/outcomes.server";
import { insertTopic } from "~/modules/topics/topics.server";
import * as inbox from "~/routes/inbox";
import * as manage from "~/routes/petitions.$id_.manage";
import { findSessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { registeredJobs, runDueJobs } from "~/utils/jobs.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";

const DAY = 86_400_000;

/** A step added through the outcome service by the system, telling nobody. */
function addNextStep(tx: Tx, step: { topicId: number; description: string; dueAt: Date }): number {
  const added = addStep(tx, { topicId: step.topicId, actor: null, step: { description: step.description, dueAt: step.dueAt } });
  if (!added.ok) throw new Error(added.reason);
  return added.stepId;
}
const TYPE = "notification.nextStep.overdue";
const overdueNotices = (userId: string) =>
  db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.type, TYPE))).all();
const stepRow = (id: number) => db.select().from(nextSteps).where(eq(nextSteps.id, id)).get()!;
const stepsOf = (topicId: number) => db.select().from(nextSteps).where(eq(nextSteps.topicId, topicId)).all();
/** A moment on a calendar day in Amsterdam ("HH:MM" local). */
function amsterdam(day: string, time: string): Date {
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${day}T${time}:00${offset}`);
    const local = localDayAndHour(at);
    if (local.day === day && local.hour === Number(time.slice(0, 2))) return at;
  }
  throw new Error(`no ${time} on ${day}`);
}

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let clerkNow: TestPerson;
let clerkDigest: TestPerson;
let clerkOff: TestPerson;
let resident: TestPerson;
let petitionId: number;
const title = "Meer bankjes in het Wilhelminapark";

async function openPetition(author: TestPerson, clerk: TestPerson): Promise<number> {
  const created = createPetition(findSessionUser(author.id)!, {
    title,
    request: "Wij vragen de gemeenteraad om meer bankjes in het park te plaatsen.",
    background: "Omdat er te weinig zijn.",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  expect(submitPetition(findSessionUser(author.id)!, created.topicId).ok).toBe(true);
  expect(publishPetition(findSessionUser(clerk.id)!, created.topicId).ok).toBe(true);
  return created.topicId;
}

const manageCall = (form: Record<string, string>) =>
  callRoute(manage, { path: `/petitions/${petitionId}/manage`, params: { id: String(petitionId) }, cookie: clerkNow.cookie, form });

beforeAll(async () => {
  mail = await startMailCatcher();
  clerkNow = await createPerson({ roles: ["resident", "clerk"], email: "griffie-direct@example.org", locale: "nl" });
  clerkDigest = await createPerson({ roles: ["clerk"], email: "griffie-digest@example.org", locale: "en", emailPreference: "digest" });
  clerkOff = await createPerson({ roles: ["clerk"], email: "griffie-uit@example.org", emailPreference: "off" });
  resident = await createPerson({ roles: ["resident"], email: "bewoner@example.org" });
  petitionId = await openPetition(resident, clerkNow);
  await mail.flush();
});

afterAll(async () => {
  await mail.stop();
});

describe("overdue next steps are reminded to the clerks", () => {
  // The steps are added through the clerk's page, due tomorrow (noon in Amsterdam), so they are
  // overdue from the day after; "later" is three days from now.
  const now = new Date();
  const later = new Date(now.getTime() + 3 * DAY);
  const tomorrow = localDayAndHour(new Date(now.getTime() + DAY)).day;
  const inAMonth = localDayAndHour(new Date(now.getTime() + 30 * DAY)).day;

  it("tells every clerk once, in the inbox and by each one's email preference, linking to the topic", async () => {
    for (const [description, dueDate] of [
      ["Het college maakt een plan voor de bankjes.", tomorrow],
      ["De wethouder bespreekt het plan met de wijkraad.", tomorrow],
      ["Zonder datum: de bankjes worden onderhouden.", ""],
      ["De bankjes worden geplaatst.", inAMonth],
    ]) {
      const added = await manageCall({ intent: "add-next-step", description: description!, stepResponsible: "College van B&W", dueDate: dueDate! });
      expect(added.status, description).toBe(302);
    }
    const [late, completed, undated, future] = stepsOf(petitionId).sort((a, b) => a.id - b.id);
    const done = await manageCall({ intent: "complete-next-step", stepId: String(completed!.id) });
    expect(done.status).toBe(302);
    await mail.flush();

    // Not overdue yet: nothing.
    expect(remindOverdueNextSteps(now)).toBe(0);

    // Three days on: the one late step that is not done.
    expect(remindOverdueNextSteps(later)).toBe(1);
    expect(stepRow(late!.id).remindedAt).toEqual(later);
    for (const step of [completed!, undated!, future!]) expect(stepRow(step.id).remindedAt, step.description).toBeNull();

    for (const clerk of [clerkNow, clerkDigest, clerkOff]) {
      const notices = overdueNotices(clerk.id);
      expect(notices, clerk.email).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        topicId: petitionId,
        data: { title, description: late!.description, link: `/petitions/${petitionId}` },
        digestPending: clerk === clerkDigest,
      });
    }
    expect(overdueNotices(resident.id)).toHaveLength(0);

    const sent = await mail.flush();
    expect(sent.map((m) => m.to)).toEqual([["griffie-direct@example.org"]]);
    // A short subject (the step's description is in the text).
    expect(sent[0]!.subject).toBe(`Vervolgstap te laat bij ‘${title}’`);
    expect(sent[0]!.text).toContain(late!.description);
    expect(sent[0]!.text).toContain(`http://localhost:3000/petitions/${petitionId}`);
  });

  it("sends nothing more on a second run, on the runner's next runs, or days later", async () => {
    const before = db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.type, TYPE)).get()!.n;
    expect(remindOverdueNextSteps(later)).toBe(0);
    expect(remindOverdueNextSteps(new Date(later.getTime() + 15 * 60_000))).toBe(0);
    expect(await runDueJobs(new Date(later.getTime() + 7 * DAY), topicJobs)).toEqual(["topics-overdue-next-step-reminders"]);
    const after = db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.type, TYPE)).get()!.n;
    expect(after).toBe(before);
    expect(await mail.flush()).toHaveLength(0);
  });

  it("is in the real job list", () => {
    expect(registeredJobs().map((j) => j.name)).toContain("topics-overdue-next-step-reminders");
  });

  it("reads as one line in the clerk's inbox, and in the digest email in the clerk's language", async () => {
    const page = await callRoute(inbox, { path: "/inbox", cookie: clerkNow.cookie });
    expect(page.status).toBe(200);
    const notice = (page.data.notifications as Array<{ type: string; data: Record<string, string> }>).find((n) => n.type === TYPE)!;
    expect(translator("nl")(TYPE, notice.data)).toBe(`Vervolgstap te laat bij ‘${title}’: Het college maakt een plan voor de bankjes.`);
    expect(notice.data.link).toBe(`/petitions/${petitionId}`);

    // The digest clerk reads it in English in the next morning's digest.
    const day = localDayAndHour(new Date(Date.now() + 2 * DAY)).day;
    expect(await sendDailyDigest(amsterdam(day, "08:00"))).toBeGreaterThanOrEqual(1);
    const digests = (await mail.flush()).filter((m) => m.to.includes("griffie-digest@example.org"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("Your daily summary from Inspraak");
    expect(digests[0]!.text).toContain(`- Next step overdue for ‘${title}’: Het college maakt een plan voor de bankjes.`);
  });

  it("skips hidden topics, and reminds once they are visible again", async () => {
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "discussion", title: "Verborgen gesprek", authorId: null, status: "closed", isPublic: true }));
    db.update(topics).set({ hidden: true }).where(eq(topics.id, topicId)).run();
    const stepId = db.transaction((tx) => addNextStep(tx, { topicId, description: "Een verslag volgt.", dueAt: new Date(Date.now() - DAY) }));
    expect(remindOverdueNextSteps(new Date())).toBe(0);
    expect(stepRow(stepId).remindedAt).toBeNull();

    db.update(topics).set({ hidden: false }).where(eq(topics.id, topicId)).run();
    expect(remindOverdueNextSteps(new Date())).toBe(1);
    const notice = overdueNotices(clerkOff.id).find((n) => n.topicId === topicId)!;
    expect(notice.data).toMatchObject({ title: "Verborgen gesprek", link: `/discussions/${topicId}` });
    expect(remindOverdueNextSteps(new Date())).toBe(0);
  });

  it("does not mail a deleted clerk, and a clerk who joins later is not told of old reminders", async () => {
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, clerkOff.id)).run();
    const newcomer = await createPerson({ roles: ["clerk"] });
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "petition", title: "Nog een", authorId: null, status: "responded", isPublic: true }));
    db.transaction((tx) => addNextStep(tx, { topicId, description: "Een brief aan de raad.", dueAt: new Date(Date.now() - 60_000) }));
    const ofClerkOff = overdueNotices(clerkOff.id).length;
    expect(remindOverdueNextSteps(new Date())).toBe(1);
    expect(overdueNotices(clerkOff.id)).toHaveLength(ofClerkOff);
    expect(overdueNotices(newcomer.id).map((n) => n.topicId)).toEqual([topicId]);
  });

  it("reminds a backlog of many overdue steps in batches, each once", async () => {
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "petition", title: "Achterstand", authorId: null, status: "responded", isPublic: true }));
    db.transaction((tx) => {
      for (let i = 0; i < 120; i++) addNextStep(tx, { topicId, description: `Stap ${i}`, dueAt: new Date(Date.now() - DAY - i * 60_000) });
    });
    expect(remindOverdueNextSteps(new Date())).toBe(120);
    expect(stepsOf(topicId).every((s) => s.remindedAt !== null)).toBe(true);
    expect(overdueNotices(clerkNow.id).filter((n) => n.topicId === topicId)).toHaveLength(120);
    expect(remindOverdueNextSteps(new Date())).toBe(0);
  });
});
