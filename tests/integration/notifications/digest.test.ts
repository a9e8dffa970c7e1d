import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailOutbox, jobRuns, notifications } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { DIGEST_FINISHED, DIGEST_STARTED, notificationJobs, sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { localDayAndHour } from "~/utils/local-time";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher, type CapturedMail } from "../../support/mail";

const DAY = 86_400_000;
const SUBJECT_NL = "Uw dagelijkse overzicht van Inspraak";
const SUBJECT_EN = "Your daily summary from Inspraak";

/** A moment on a calendar day in Amsterdam ("HH:MM" local). */
function amsterdam(day: string, time: string): Date {
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${day}T${time}:00${offset}`);
    const local = localDayAndHour(at);
    if (local.day === day && local.hour === Number(time.slice(0, 2))) return at;
  }
  throw new Error(`no ${time} on ${day}`);
}
/** The calendar day `n` days from the real now (notices are stamped with the real clock, so the digest days lie ahead). */
const dayAhead = (n: number) => localDayAndHour(new Date(Date.now() + n * DAY)).day;

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let anna: TestPerson; // digest, Dutch
let bob: TestPerson; // digest, English
let chris: TestPerson; // immediate
let dora: TestPerson; // off

const tell = (ids: string[], title: string) =>
  db.transaction((tx) => notify(tx, ids, { type: "notification.nextStep.overdue", data: { title, description: "een stap" }, link: "/petitions/1" }));
const digestsIn = (messages: CapturedMail[], to: string) => messages.filter((m) => m.to.includes(to) && [SUBJECT_NL, SUBJECT_EN].includes(m.subject));
const pendingFor = (userId: string) =>
  db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.digestPending, true))).all();
const mark = (name: string) => db.select().from(jobRuns).where(eq(jobRuns.name, name)).get()?.lastRunAt ?? null;

beforeAll(async () => {
  mail = await startMailCatcher();
  anna = await createPerson({ email: "anna@example.org", emailPreference: "digest", locale: "nl" });
  bob = await createPerson({ email: "bob@example.org", emailPreference: "digest", locale: "en" });
  chris = await createPerson({ email: "chris@example.org", emailPreference: "immediate" });
  dora = await createPerson({ email: "dora@example.org", emailPreference: "off" });
});

afterAll(async () => {
  await mail.stop();
});

describe("the daily digest goes out once a day, at 07:00 in Amsterdam", () => {
  const day1 = dayAhead(2);
  const day2 = dayAhead(3);
  const day4 = dayAhead(5);

  it("sends nothing at 06:00", async () => {
    tell([anna.id, bob.id, chris.id, dora.id], "Eerste");
    tell([anna.id], "Tweede");
    await mail.flush(); // chris's immediate mail
    expect(await sendDailyDigest(amsterdam(day1, "06:00"))).toBe(0);
    expect(await runDueJobs(amsterdam(day1, "06:45"), notificationJobs)).toEqual(["daily-digest"]);
    expect(await mail.flush()).toHaveLength(0);
    expect(pendingFor(anna.id)).toHaveLength(2);
    expect(mark(DIGEST_STARTED)).toBeNull();
  });

  it("run twice at 08:00 (and by the runner at 08:15), sends each person one digest", async () => {
    expect(await sendDailyDigest(amsterdam(day1, "08:00"))).toBe(2);
    expect(await sendDailyDigest(amsterdam(day1, "08:00"))).toBe(0);
    await runDueJobs(amsterdam(day1, "08:15"), notificationJobs);
    await runDueJobs(amsterdam(day1, "23:45"), notificationJobs);
    const sent = await mail.flush();
    const toAnna = digestsIn(sent, "anna@example.org");
    const toBob = digestsIn(sent, "bob@example.org");
    expect(toAnna).toHaveLength(1);
    expect(toBob).toHaveLength(1);
    expect(sent).toHaveLength(2); // nobody else: immediate and off people get no digest
    expect(toAnna[0]!.subject).toBe(SUBJECT_NL);
    expect(toAnna[0]!.text).toContain("- Vervolgstap te laat bij ‘Eerste’: een stap");
    expect(toAnna[0]!.text).toContain("‘Tweede’");
    expect(toBob[0]!.subject).toBe(SUBJECT_EN);
    expect(toBob[0]!.text).toContain("- Next step overdue for ‘Eerste’: een stap");
    expect(toBob[0]!.text).not.toContain("‘Tweede’");
    expect(pendingFor(anna.id)).toHaveLength(0);
    expect(mark(DIGEST_STARTED)).toEqual(amsterdam(day1, "08:00"));
    expect(mark(DIGEST_FINISHED)).toEqual(amsterdam(day1, "08:00"));
  });

  it("keeps what happens after the day's digest for the next day's, at 07:00 and not before", async () => {
    tell([anna.id], "Derde");
    expect(await sendDailyDigest(amsterdam(day1, "21:00"))).toBe(0);
    expect(await sendDailyDigest(amsterdam(day2, "00:30"))).toBe(0);
    expect(await sendDailyDigest(amsterdam(day2, "06:59"))).toBe(0);
    expect(await mail.flush()).toHaveLength(0);
    expect(await sendDailyDigest(amsterdam(day2, "07:00"))).toBe(1);
    const sent = await mail.flush();
    expect(sent).toHaveLength(1);
    expect(digestsIn(sent, "anna@example.org")[0]!.text).toContain("‘Derde’");
  });

  it("finishes a digest that a restart interrupted, without sending anyone a second one", async () => {
    // day 3 is skipped (nobody had anything); on day 4 a digest starts, anna's is written, and the process dies.
    tell([anna.id, bob.id], "Vierde");
    const started = amsterdam(day4, "07:05");
    db.insert(jobRuns).values({ name: DIGEST_STARTED, lastRunAt: started }).onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: started } }).run();
    const annaNotices = pendingFor(anna.id);
    db.update(notifications).set({ digestPending: false }).where(eq(notifications.userId, anna.id)).run();
    db.insert(emailOutbox)
      .values({ toAddress: anna.email, subject: SUBJECT_NL, text: "(anna's digest)", html: "", dedupeKey: `digest:${anna.id}:${day4}` })
      .run();
    expect(annaNotices).toHaveLength(1);
    await mail.flush();

    // After the restart, the next run (even another process) finishes it: bob gets his, anna no second one.
    expect(await sendDailyDigest(amsterdam(day4, "07:20"))).toBe(1);
    expect(await sendDailyDigest(amsterdam(day4, "07:35"))).toBe(0);
    const sent = await mail.flush();
    expect(sent.map((m) => m.to)).toEqual([["bob@example.org"]]);
    expect(sent[0]!.text).toContain("‘Vierde’");
    expect(mark(DIGEST_FINISHED)).toEqual(started);
  });

  it("a digest already started today keeps a second process from sending another that day", async () => {
    tell([bob.id], "Vijfde");
    // Pretend another process decided (and recorded) today's digest a moment ago and finished it.
    const day = dayAhead(6);
    const other = amsterdam(day, "07:00");
    for (const name of [DIGEST_STARTED, DIGEST_FINISHED]) {
      db.insert(jobRuns).values({ name, lastRunAt: other }).onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: other } }).run();
    }
    expect(await sendDailyDigest(amsterdam(day, "07:15"))).toBe(0);
    expect(pendingFor(bob.id)).toHaveLength(1);
    expect(await mail.flush()).toHaveLength(0);
  });
});
