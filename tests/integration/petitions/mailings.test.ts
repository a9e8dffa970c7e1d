import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { emailOutbox, follows, notifications, petitionMailings, signatures, topics } from "#db/schema";
import { db, sqlite } from "~/utils/db.server";
import { recordDebateOutcome, recordResponse, scheduleDebate } from "~/modules/petitions/petitions.lifecycle.server";
import { mailSignersBatch, MAILING_BATCH, sendSignerMailings } from "~/modules/petitions/petitions.mailings.server";
import { startMailCatcher } from "../../support/mail";
import { createPerson } from "../../support/fixtures";
import { actorOf, clerk, CONFIRM_LINK, drain, ensureNeighbourhoods, followLink, makePetition, signAsGuest, signAsResident, uniqueEmail } from "./helpers";

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

/**
 * Confirmed signatures straight into the table, as the demo and the benchmark make them: every
 * tenth by a resident with an account (immediate email), the rest by guests. Returns them by id.
 */
let bulkRun = 0;
function bulkSign(topicId: number, count: number) {
  bulkRun++;
  const raw = sqlite();
  const insertUser = raw.prepare(
    "INSERT INTO users (id, email, email_canonical, display_name, locale, email_preference, email_verified_at, created_at) VALUES (?, ?, ?, ?, 'nl', 'immediate', ?, ?)",
  );
  const insert = raw.prepare(
    `INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, status, locale, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)`,
  );
  const at = Date.now() - 86_400_000;
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const email = `bulk-${bulkRun}-${i}@example.org`;
      const userId = i % 10 === 0 ? `bulk-${bulkRun}-${i}` : null;
      if (userId) insertUser.run(userId, email, email, `Bewoner ${i}`, at, at);
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
const answerMails = (topicId: number, kind: "response" | "debate" = "response", petitioner?: string) =>
  db
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `petition-${kind}:${topicId}:%`))
    .all()
    .filter((m) => m.toAddress !== petitioner);
const mailingOf = (topicId: number) => db.select().from(petitionMailings).where(eq(petitionMailings.topicId, topicId)).all();
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
      expect.objectContaining({ kind: "response", lastSignatureId: 0, mailedCount: 0, completedAt: null, upToSignatureId: signed.at(-1)!.id }),
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
    recordResponse(actorOf(await clerk()), id, answer);

    const first = mailSignersBatch();
    expect(first).toMatchObject({ topicId: id, handled: MAILING_BATCH, done: false });
    expect(mailingOf(id)[0]).toMatchObject({ lastSignatureId: signed[MAILING_BATCH - 1]!.id, mailedCount: MAILING_BATCH, completedAt: null });
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
    const mails = () => answerMails(id, "response", author.email);
    expect(mailSignersBatch()).toMatchObject({ handled: MAILING_BATCH });
    // A crash in the middle of the second batch, at its 200th signer.
    const victim = signed[MAILING_BATCH + 200]!.email!;
    sqlite().exec(`CREATE TEMP TRIGGER crash_on_mail BEFORE INSERT ON email_outbox WHEN NEW.to_address = '${victim}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(() => mailSignersBatch()).toThrow(/simulated crash/);
    expect(mails()).toHaveLength(MAILING_BATCH);
    expect(mailingOf(id)[0]).toMatchObject({ lastSignatureId: signed[MAILING_BATCH - 1]!.id, completedAt: null });
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
    expect(answerMails(id, "response", author.email).map((m) => m.toAddress)).toEqual([before]);
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
    expect(answerMails(id, "debate", author.email)).toEqual([]);
    db.update(topics).set({ hidden: false }).where(eq(topics.id, id)).run();
    expect(await sendSignerMailings()).toBe(30);
    expect(answerMails(id, "debate", author.email)).toHaveLength(30);
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
