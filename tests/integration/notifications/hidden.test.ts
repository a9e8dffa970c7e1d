import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, topics } from "#db/schema";
import { countUnread, notify } from "~/modules/notifications/notifications.server";
import { sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { insertTopic } from "~/modules/topics/topics.server";
import * as inbox from "~/routes/inbox";
import { localDayAndHour } from "~/utils/local-time";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";

// DESIGN: hidden content disappears from notifications. Notices about a hidden topic leave the
// inbox, the unread count and the daily digest, and come back when it is restored; notices without
// a topic stay, and so do the author's own (moderation tells them why their topic was hidden).

const DAY = 86_400_000;
/** A moment on a calendar day in Amsterdam ("HH:MM" local). */
function amsterdam(day: string, time: string): Date {
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${day}T${time}:00${offset}`);
    const local = localDayAndHour(at);
    if (local.day === day && local.hour === Number(time.slice(0, 2))) return at;
  }
  throw new Error(`no ${time} on ${day}`);
}
const dayAhead = (n: number) => localDayAndHour(new Date(Date.now() + n * DAY)).day;

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const petition = (title: string, authorId: string | null = null) =>
  db.transaction((tx) => insertTopic(tx, { kind: "petition", title, authorId, status: "open", isPublic: true }));
const setHidden = (topicId: number, hidden: boolean) => db.update(topics).set({ hidden }).where(eq(topics.id, topicId)).run();
const tell = (ids: string[], title: string, topicId: number | null) =>
  db.transaction((tx) =>
    notify(tx, ids, { type: "notification.nextStep.overdue", topicId, data: { title, description: "een stap" }, link: topicId ? `/petitions/${topicId}` : "/inbox" }),
  );
const inboxTitles = async (person: TestPerson) => {
  const result = await callRoute(inbox, { path: "/inbox", cookie: person.cookie });
  expect(result.status).toBe(200);
  return result.data.notifications.map((n: { data: { title: string } }) => n.data.title).sort();
};

describe("notices about a hidden topic", () => {
  it("leave the inbox and the unread count, and come back when the topic is restored", async () => {
    const reader = await createPerson({ emailPreference: "off" });
    const author = await createPerson({ emailPreference: "off" });
    const hiddenOne = petition("Verborgen petitie", author.id);
    const other = petition("Zichtbare petitie");
    tell([reader.id, author.id], "Verborgen", hiddenOne);
    tell([reader.id], "Zichtbaar", other);
    tell([reader.id], "Zonder onderwerp", null);
    expect(await inboxTitles(reader)).toEqual(["Verborgen", "Zichtbaar", "Zonder onderwerp"]);
    expect(countUnread(reader.id)).toBe(3);

    setHidden(hiddenOne, true);
    expect(await inboxTitles(reader)).toEqual(["Zichtbaar", "Zonder onderwerp"]);
    expect(countUnread(reader.id)).toBe(2);
    // Its author keeps theirs: moderation's notice of why it was hidden is about that topic too.
    expect(await inboxTitles(author)).toEqual(["Verborgen"]);
    expect(countUnread(author.id)).toBe(1);

    // Marking all read while it is hidden marks what was shown.
    expect((await callRoute(inbox, { path: "/inbox", cookie: reader.cookie, form: {} })).status).toBe(302);
    expect(countUnread(reader.id)).toBe(0);

    setHidden(hiddenOne, false);
    expect(await inboxTitles(reader)).toEqual(["Verborgen", "Zichtbaar", "Zonder onderwerp"]);
    expect(countUnread(reader.id)).toBe(1);
    const back = db.select().from(notifications).where(and(eq(notifications.userId, reader.id), eq(notifications.topicId, hiddenOne))).get()!;
    expect(back.readAt).toBeNull();
  });

  it("stay out of the daily digest while hidden, and go in the next one once restored", async () => {
    const reader = await createPerson({ email: "digest-reader@example.org", emailPreference: "digest" });
    const hiddenOne = petition("Verborgen voor de samenvatting");
    const other = petition("Zichtbaar in de samenvatting");
    tell([reader.id], "Verborgen", hiddenOne);
    tell([reader.id], "Zichtbaar", other);
    setHidden(hiddenOne, true);

    expect(await sendDailyDigest(amsterdam(dayAhead(2), "08:00"))).toBe(1);
    const first = (await mail.flush()).filter((m) => m.to.includes("digest-reader@example.org"));
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toContain("‘Zichtbaar’");
    expect(first[0]!.text).not.toContain("Verborgen");
    const pending = db.select().from(notifications).where(and(eq(notifications.userId, reader.id), eq(notifications.digestPending, true))).all();
    expect(pending.map((n) => n.topicId)).toEqual([hiddenOne]);

    // Nothing else to tell while it stays hidden: no digest at all.
    expect(await sendDailyDigest(amsterdam(dayAhead(3), "08:00"))).toBe(0);
    expect(await mail.flush()).toHaveLength(0);

    setHidden(hiddenOne, false);
    expect(await sendDailyDigest(amsterdam(dayAhead(4), "08:00"))).toBe(1);
    const second = (await mail.flush()).filter((m) => m.to.includes("digest-reader@example.org"));
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toContain("‘Verborgen’");
    expect(second[0]!.text).not.toContain("‘Zichtbaar’");
  });
});
