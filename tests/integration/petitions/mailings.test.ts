import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendSignerMailings } from "../../support/mailings";
import { and, eq, like, sql } from "drizzle-orm";
import { emailOutbox, follows, notifications, supportMailings, signatures, topics } from "#db/schema";
import { db, sqlite } from "~/utils/db.server";
import { addPetitionNextStep, closeExpiredPetitions, completePetitionNextStep, recordDebateOutcome, rejectPetition, recordResponse, scheduleDebate } from "~/modules/petitions/petitions.lifecycle.server";
import { mailingKey } from "~/modules/petitions/petitions.mailings.server";
import { mailSupportersBatch as mailSignersBatch, MAILING_BATCH } from "~/modules/support/support.mailings.server";
import { startMailCatcher } from "../../support/mail";
import { createPerson, type TestPerson } from "../../support/fixtures";
import {
  actorOf,
  clerk,
  CONFIRM_LINK,
  drain,
  ensureNeighbourhoods,
  followLink,
  makePetition,
  setThresholds,
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
// Each test starts clean: every fan-out finished and nothing waiting in the outbox, so one test's
// thousand made-up signers are neither handled nor sent over SMTP by the next.
afterEach(() => {
  sqlite().exec("DROP TRIGGER IF EXISTS temp.crash_on_mail");
  db.update(topics).set({ hidden: false }).run();
  while (mailSignersBatch(5_000)) {
    // finish what the test left
  }
  db.update(emailOutbox).set({ status: "sent" }).where(eq(emailOutbox.status, "pending")).run();
});

const answer = { body: "De raad neemt het verzoek over en maakt er **geld** voor vrij.", responsibleBody: "Gemeenteraad van Voorbeeldstad" };

type Preference = "immediate" | "digest" | "off";
/**
 * Confirmed signatures straight into the table, as the demo and the benchmark make them: every
 * tenth (or every accountEvery-th) by a resident with an account (immediate email unless told
 * otherwise), the rest by guests. Returns the petition's signatures by id.
 */
let bulkRun = 0;
function bulkSign(topicId: number, count: number, options: { accountEvery?: number; preference?: (i: number) => Preference } = {}) {
  bulkRun++;
  const accountEvery = options.accountEvery ?? 10;
  const raw = sqlite();
  const insertUser = raw.prepare(
    "INSERT INTO users (id, email, email_canonical, display_name, locale, email_preference, email_verified_at, created_at) VALUES (?, ?, ?, ?, 'nl', ?, ?, ?)",
  );
  const insert = raw.prepare(
    `INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, status, locale, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)`,
  );
  const at = Date.now() - 86_400_000;
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const email = `bulk-${bulkRun}-${i}@example.org`;
      const userId = accountEvery > 0 && i % accountEvery === 0 ? `bulk-${bulkRun}-${i}` : null;
      if (userId) insertUser.run(userId, email, email, `Bewoner ${i}`, options.preference?.(i) ?? "immediate", at, at);
      insert.run(topicId, userId, `Ondertekenaar ${i}`, email, email, i % 5 === 0 ? "en" : "nl", at, at);
    }
    raw.prepare("UPDATE topics SET support_count = support_count + ? WHERE id = ?").run(count, topicId);
  })();
  return db.select().from(signatures).where(eq(signatures.topicId, topicId)).orderBy(signatures.id).all();
}

/**
 * The response (or debate) emails in the outbox for one petition, one row per recipient, less the
 * notice the petitioner (who did not sign) gets from the decision itself.
 */
const answerMails = (topicId: number, kind: "responded" | "debated" = "responded", petitioner?: string) =>
  db
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `petition-${kind}:${topicId}:%`))
    .all()
    .filter((m) => m.toAddress !== petitioner);
const mailingOf = (topicId: number) => db.select().from(supportMailings).where(eq(supportMailings.topicId, topicId)).all();
const noticesTo = (userId: string, type = "petition.notification.responded") =>
  db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.type, type))).all().length;
/** Addresses that were enqueued more than once. */
const twice = (rows: Array<{ toAddress: string }>) => {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.toAddress, (seen.get(r.toAddress) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1);
};

describe("the council's answer reaches the signers by a fan-out outside the decision", () => {
  it("the decision's transaction enqueues no mail per signer: it tells the petitioner and followers and records one fan-out", async () => {
    const { id, author } = await makePetition();
    const signed = bulkSign(id, 1_200);
    const follower = await createPerson();
    db.insert(follows).values({ userId: follower.id, topicId: id }).run();

    const result = recordResponse(actorOf(await clerk()), id, answer);
    expect(result.ok).toBe(true);

    const enqueued = answerMails(id);
    expect(enqueued.map((m) => m.toAddress).sort()).toEqual([author.email, follower.email].sort());
    const accountSigners = signed.filter((s) => s.userId);
    expect(accountSigners).toHaveLength(120);
    expect(accountSigners.some((s) => noticesTo(s.userId!) > 0)).toBe(false);
    expect(mailingOf(id)).toEqual([
      expect.objectContaining({ eventKey: "responded", lastSupporterId: 0, mailedCount: 0, completedAt: null, upToSupporterId: signed.at(-1)!.id }),
    ]);
  });

  it("mails each of 1,200 signers exactly once in batches of 500, even when stopped after one batch and run again", async () => {
    const { id, author } = await makePetition();
    const signed = bulkSign(id, 1_200);
    // The petitioner signed too, and so did a follower: each hears it once, from the fan-out.
    const follower = await createPerson();
    db.insert(follows).values({ userId: follower.id, topicId: id }).run();
    await signAsResident(id, author);
    await signAsResident(id, follower);
    // The petitioner's signature crossed the response threshold: that notice goes out first, to
    // every signer (guests by email too).
    let thresholdHandled = 0;
    for (let batch = mailSignersBatch(); batch; batch = mailSignersBatch()) thresholdHandled += batch.handled;
    expect(thresholdHandled).toBe(1_201);
    recordResponse(actorOf(await clerk()), id, answer);

    const first = mailSignersBatch();
    expect(first).toMatchObject({ topicId: id, handled: MAILING_BATCH, done: false });
    expect(mailingOf(id)[0]).toMatchObject({ lastSupporterId: signed[MAILING_BATCH - 1]!.id, mailedCount: MAILING_BATCH, completedAt: null });
    expect(answerMails(id)).toHaveLength(MAILING_BATCH);

    // The worker stopped here (a restart); the next runs pick up at the cursor.
    expect(await sendSignerMailings()).toBe(1_200 + 2 - MAILING_BATCH);
    expect(await sendSignerMailings()).toBe(0);
    expect(mailSignersBatch()).toBeNull();

    const enqueued = answerMails(id);
    expect(twice(enqueued)).toEqual([]);
    expect(enqueued.map((m) => m.toAddress).sort()).toEqual([...signed.map((s) => s.email!), author.email, follower.email].sort());
    expect(enqueued.every((m) => m.subject.includes("geantwoord") || m.subject.includes("responded"))).toBe(true);
    expect(mailingOf(id)[0]).toMatchObject({ mailedCount: 1_202, completedAt: expect.any(Date) });
    for (const s of signed.filter((s) => s.userId)) expect(noticesTo(s.userId!)).toBe(1);
    expect(noticesTo(author.id)).toBe(1);
    expect(noticesTo(follower.id)).toBe(1);
  });

  it("a batch that fails half-way is rolled back whole and done again: no one mailed twice, no one skipped", async () => {
    const { id, author } = await makePetition();
    const signed = bulkSign(id, 1_200);
    recordResponse(actorOf(await clerk()), id, answer);
    const mails = () => answerMails(id, "responded", author.email);
    expect(mailSignersBatch()).toMatchObject({ handled: MAILING_BATCH });
    // A crash in the middle of the second batch, at its 200th signer.
    const victim = signed[MAILING_BATCH + MAILING_BATCH / 2]!.email!;
    sqlite().exec(`CREATE TEMP TRIGGER crash_on_mail BEFORE INSERT ON email_outbox WHEN NEW.to_address = '${victim}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(() => mailSignersBatch()).toThrow(/simulated crash/);
    expect(mails()).toHaveLength(MAILING_BATCH);
    expect(mailingOf(id)[0]).toMatchObject({ lastSupporterId: signed[MAILING_BATCH - 1]!.id, completedAt: null });
    expect(noticesTo(signed[MAILING_BATCH + 10]!.userId!)).toBe(0);

    sqlite().exec("DROP TRIGGER temp.crash_on_mail");
    await sendSignerMailings();
    const enqueued = mails();
    expect(twice(enqueued)).toEqual([]);
    expect(enqueued).toHaveLength(1_200);
    for (const s of signed.filter((s) => s.userId)) expect(noticesTo(s.userId!)).toBe(1);
  });

  it("signers who confirm after the decision are not mailed the old answer; those before are, and it arrives", async () => {
    const { id, author } = await makePetition();
    const before = uniqueEmail("before");
    await signAsGuest(id, before);
    const late = uniqueEmail("late");
    await signAsGuest(id, late);
    await drain(mail);
    await followLink(mail.linkTo(before, CONFIRM_LINK)!);
    const lateLink = mail.linkTo(late, CONFIRM_LINK)!;

    recordResponse(actorOf(await clerk()), id, answer);
    // After the decision: the pending guest confirms, a resident signs for the first time.
    expect((await followLink(lateLink)).status).toBe(302);
    const newcomer = await createPerson();
    await signAsResident(id, newcomer);
    expect(db.select({ n: topics.supportCount }).from(topics).where(eq(topics.id, id)).get()!.n).toBe(3);

    await sendSignerMailings();
    expect(answerMails(id, "responded", author.email).map((m) => m.toAddress)).toEqual([before]);
    expect(noticesTo(newcomer.id)).toBe(0);
    const delivered = await drain(mail);
    const answers = delivered.filter((m) => m.subject.includes("geantwoord"));
    expect(answers.map((m) => m.to).flat()).toEqual([before]);
    expect(answers[0]!.text).toContain("geld");
  });

  it("a fan-out waits while its petition is hidden and goes on when it is restored", async () => {
    const { id, author } = await makePetition();
    bulkSign(id, 30);
    const theClerk = actorOf(await clerk());
    expect(scheduleDebate(theClerk, id, { meetingAt: new Date(Date.now() + 86_400_000) }).ok).toBe(true);
    expect(recordDebateOutcome(theClerk, id, { body: "De raad besprak de petitie.", responsibleBody: "Gemeenteraad" }).ok).toBe(true);
    db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
    expect(await sendSignerMailings()).toBe(0);
    expect(answerMails(id, "debated", author.email)).toEqual([]);
    db.update(topics).set({ hidden: false }).where(eq(topics.id, id)).run();
    // The scheduled debate to all 30 signers (guests by email), then the outcome to all 30.
    expect(await sendSignerMailings()).toBe(30 + 30);
    expect(answerMails(id, "debated", author.email)).toHaveLength(30);
  });

  it("nothing is recorded or sent for a petition that is hidden when the answer is recorded", async () => {
    const { id } = await makePetition();
    bulkSign(id, 5);
    db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
    expect(recordResponse(actorOf(await clerk()), id, answer).ok).toBe(true);
    expect(mailingOf(id)).toEqual([]);
    await sendSignerMailings();
    expect(answerMails(id)).toEqual([]);
  });
});

/** The emails of one event in the outbox (the notice's own mail and any outcome email share the key). */
const eventMails = (topicId: number, eventKey: string) =>
  db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, `${mailingKey(topicId, eventKey)}:%`)).all();
/** How many notices of this type each person has about the petition. */
function noticeCounts(topicId: number, type: string): Map<string, number> {
  const rows = db
    .select({ userId: notifications.userId, n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.topicId, topicId), eq(notifications.type, type)))
    .groupBy(notifications.userId)
    .all();
  return new Map(rows.map((r) => [r.userId, r.n]));
}
/** Most signers want their email at once; some in the daily digest, some not at all. */
const preference = (i: number): Preference => (i % 10 === 3 ? "digest" : i % 10 === 7 ? "off" : "immediate");

/** A petition with 1,200 signers who all have an account, 20 guests, a follower who did not sign. */
async function crowdedPetition() {
  // Thresholds out of reach, so no threshold notice of the late signer's gets in the way.
  setThresholds(100_000, 200_000);
  const { id, author } = await makePetition();
  setThresholds(500, 2000);
  const signed = bulkSign(id, 1_200, { accountEvery: 1, preference });
  const guests = bulkSign(id, 20, { accountEvery: 0 }).filter((s) => !s.userId);
  const follower = await createPerson();
  db.insert(follows).values({ userId: follower.id, topicId: id }).run();
  return { id, author, follower, signed, guests };
}

/**
 * Right after the event's transaction: one fan-out row and no notice or email per signer; only the
 * people who did not sign (petitioner, follower) were told, inline.
 */
function expectOnlyNonSignersToldInline(id: number, eventKey: string, type: string, told: TestPerson[]) {
  expect(mailingOf(id)).toEqual([
    expect.objectContaining({ eventKey, lastSupporterId: 0, mailedCount: 0, completedAt: null, notice: expect.objectContaining({ type, email: "notice", link: `/petitions/${id}` }) }),
  ]);
  expect(noticeCounts(id, type)).toEqual(new Map(told.map((p) => [p.id, 1])));
  expect(eventMails(id, eventKey).map((m) => m.toAddress).sort()).toEqual(told.map((p) => p.email).sort());
}

/**
 * After the job: each signer with an account one notice, and one email if they want it at once;
 * each guest one email (issue 9 point 7: guests heard of the outcome but of no other step).
 */
function expectEachSignerToldOnce(
  id: number,
  eventKey: string,
  type: string,
  signed: Array<{ userId: string | null; email: string | null }>,
  told: TestPerson[],
  guests: Array<{ email: string | null }>,
) {
  const counts = noticeCounts(id, type);
  expect(counts.size).toBe(signed.length + told.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  for (const s of signed) expect(counts.get(s.userId!)).toBe(1);
  const mails = eventMails(id, eventKey);
  expect(twice(mails)).toEqual([]);
  const immediate = signed.filter((_, i) => preference(i) === "immediate").map((s) => s.email!);
  expect(mails.map((m) => m.toAddress).sort()).toEqual([...immediate, ...told.map((p) => p.email), ...guests.map((g) => g.email!)].sort());
  const digest = db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.topicId, id), eq(notifications.type, type), eq(notifications.digestPending, true))).all();
  expect(digest.map((d) => d.userId).sort()).toEqual(signed.filter((_, i) => preference(i) === "digest").map((s) => s.userId!).sort());
  expect(mailingOf(id)[0]).toMatchObject({ mailedCount: signed.length + guests.length, completedAt: expect.any(Date) });
}

describe("every other event that reaches all signers goes by the same fan-out", () => {
  it("adding a next step with 1,200 signers writes one fan-out in its transaction; the job tells each signer once, even after a crash, and a rerun sends nothing", async () => {
    const { id, author, follower, signed, guests } = await crowdedPetition();
    const result = addPetitionNextStep(actorOf(await clerk()), id, { description: "Het college maakt een plan voor de busremise." });
    if (!result.ok) throw new Error(result.reason);
    const eventKey = `next-step-added:${result.stepId}`;
    const type = "petition.notification.nextStep";
    expectOnlyNonSignersToldInline(id, eventKey, type, [author, follower]);
    expect(eventMails(id, eventKey)[0]!.text).toContain("busremise");

    // Someone who signs after the step was added is not told of it.
    const late = await createPerson();
    expect((await signAsResident(id, late)).status).toBe(302);

    // The worker crashes in the second batch, at its 200th signer: that batch is undone whole.
    expect(mailSignersBatch()).toMatchObject({ topicId: id, handled: MAILING_BATCH, done: false });
    const victim = signed[MAILING_BATCH + MAILING_BATCH / 2]!.userId!;
    sqlite().exec(`CREATE TEMP TRIGGER crash_on_mail BEFORE INSERT ON notifications WHEN NEW.user_id = '${victim}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(() => mailSignersBatch()).toThrow(/simulated crash/);
    expect(noticeCounts(id, type).get(signed[MAILING_BATCH + 10]!.userId!)).toBeUndefined();
    sqlite().exec("DROP TRIGGER temp.crash_on_mail");

    expect(await sendSignerMailings()).toBe(1_220 - MAILING_BATCH);
    expectEachSignerToldOnce(id, eventKey, type, signed, [author, follower], guests);
    expect(noticeCounts(id, type).get(late.id)).toBeUndefined();

    // Running the job again, and recording the same event again, tells nobody anything more.
    const before = { notices: noticeCounts(id, type), mails: eventMails(id, eventKey).length };
    expect(await sendSignerMailings()).toBe(0);
    expect(mailSignersBatch()).toBeNull();
    expect(noticeCounts(id, type)).toEqual(before.notices);
    expect(eventMails(id, eventKey)).toHaveLength(before.mails);
  });

  it("closing at the deadline with 1,200 signers writes one fan-out in the closing transaction; the job tells each signer once", async () => {
    const { id, author, follower, signed, guests } = await crowdedPetition();
    db.update(topics).set({ closesAt: new Date(Date.now() - 60_000) }).where(eq(topics.id, id)).run();
    expect(closeExpiredPetitions()).toBe(1);
    const type = "petition.notification.closed";
    expectOnlyNonSignersToldInline(id, "closed", type, [author, follower]);

    expect(await sendSignerMailings()).toBe(1_220);
    expectEachSignerToldOnce(id, "closed", type, signed, [author, follower], guests);
    expect(closeExpiredPetitions()).toBe(0);
    expect(await sendSignerMailings()).toBe(0);
    expect(eventMails(id, "closed")).toHaveLength(signed.filter((_, i) => preference(i) === "immediate").length + 2 + guests.length);
  });

  it("the signature that crosses a threshold writes one fan-out in the signing transaction; the job tells every signer, the signer who crossed it too", async () => {
    setThresholds(1_201, 200_000);
    const { id, author } = await makePetition();
    setThresholds(500, 2000);
    const signed = bulkSign(id, 1_200, { accountEvery: 1, preference });
    const crosser = await createPerson();
    expect((await signAsResident(id, crosser)).status).toBe(302);
    expect(db.select({ status: topics.status }).from(topics).where(eq(topics.id, id)).get()!.status).toBe("response-requested");
    const type = "petition.notification.responseRequested";
    expectOnlyNonSignersToldInline(id, "threshold-reached:response", type, [author]);

    expect(await sendSignerMailings()).toBe(1_201);
    const counts = noticeCounts(id, type);
    expect(counts.get(crosser.id)).toBe(1);
    for (const s of signed) expect(counts.get(s.userId!)).toBe(1);
    expect(twice(eventMails(id, "threshold-reached:response"))).toEqual([]);
  });

  it("scheduling the debate, marking a step done and a rejection after publication all go by the fan-out", async () => {
    const { id, author } = await makePetition();
    const signed = bulkSign(id, 30, { accountEvery: 3 });
    const accounts = signed.filter((s) => s.userId).map((s) => s.userId!);
    const theClerk = actorOf(await clerk());
    const meetingAt = new Date(Date.now() + 7 * 86_400_000);
    expect(scheduleDebate(theClerk, id, { meetingAt }).ok).toBe(true);
    const step = addPetitionNextStep(theClerk, id, { description: "De raad vraagt advies." });
    if (!step.ok) throw new Error(step.reason);
    expect(completePetitionNextStep(theClerk, id, step.stepId).ok).toBe(true);
    expect(completePetitionNextStep(theClerk, id, step.stepId).ok).toBe(true);
    expect(mailingOf(id).map((m) => m.eventKey).sort()).toEqual([`next-step-added:${step.stepId}`, `next-step-done:${step.stepId}`, `scheduled:${meetingAt.toISOString()}`]);
    for (const type of ["petition.notification.debateScheduled", "petition.notification.nextStep", "petition.notification.nextStepDone"]) {
      expect([...noticeCounts(id, type).keys()]).toEqual([author.id]);
    }
    expect(await sendSignerMailings()).toBe(3 * signed.length);
    // Guests, who have no inbox, got each of the three steps by email.
    for (const guest of signed.filter((s) => !s.userId)) {
      expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, guest.email!)).all()).toHaveLength(3);
    }
    for (const type of ["petition.notification.debateScheduled", "petition.notification.nextStep", "petition.notification.nextStepDone"]) {
      expect(noticeCounts(id, type)).toEqual(new Map([author.id, ...accounts].map((u) => [u, 1])));
    }

    // A published petition rejected: the petitioner gets the reason, the signers the public notice.
    const other = await makePetition();
    const otherSigned = bulkSign(other.id, 10, { accountEvery: 2 }).filter((s) => s.userId);
    expect(rejectPetition(theClerk, other.id, { code: "unclear" }).ok).toBe(true);
    expect(noticeCounts(other.id, "petition.notification.rejectedPublic").size).toBe(0);
    await sendSignerMailings();
    expect(noticeCounts(other.id, "petition.notification.rejectedPublic")).toEqual(new Map(otherSigned.map((s) => [s.userId!, 1])));
    expect(noticeCounts(other.id, "petition.notification.rejected.unclear")).toEqual(new Map([[other.author.id, 1]]));
  });
});
