import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { emailOutbox, users } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { localDayAndHour } from "~/utils/local-time";
import { db } from "~/utils/db.server";

// A digest to a whole city (50,000 people) froze the process that ran it for 38 seconds: every
// request and new connection waited. It now gives way between people, a slice at a time.

const PEOPLE = 400;

function amsterdamMorning(daysAhead: number): Date {
  const day = localDayAndHour(new Date(Date.now() + daysAhead * 86_400_000)).day;
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${day}T08:00:00${offset}`);
    if (localDayAndHour(at).hour === 8) return at;
  }
  throw new Error("no 08:00");
}

const digestsSent = () =>
  db.select({ n: sql<number>`count(*)` }).from(emailOutbox).where(sql`${emailOutbox.dedupeKey} LIKE 'digest:%'`).get()!.n;

describe("the daily digest", () => {
  it("lets other work run while it goes through many people, and still mails each one once", async () => {
    const ids = Array.from({ length: PEOPLE }, (_, i) => `digest-${i}`);
    db.insert(users)
      .values(ids.map((id) => ({ id, email: `${id}@example.org`, emailCanonical: `${id}@example.org`, displayName: id, emailPreference: "digest" as const, emailVerifiedAt: new Date() })))
      .run();
    db.transaction((tx) => notify(tx, ids, { type: "notification.nextStep.overdue", data: { title: "Een stap", description: "x" }, link: "/petitions/1" }));

    const seenMeanwhile: number[] = [];
    const ticker = setInterval(() => seenMeanwhile.push(digestsSent()), 0);
    const sent = await sendDailyDigest(amsterdamMorning(2));
    clearInterval(ticker);

    expect(sent).toBe(PEOPLE);
    expect(digestsSent()).toBe(PEOPLE);
    // A timer fired while the digest was half-way: the event loop was not held for the whole run.
    expect(seenMeanwhile.some((n) => n > 0 && n < PEOPLE)).toBe(true);
    expect(await sendDailyDigest(amsterdamMorning(2))).toBe(0);
  });
});
