// Notices read as text in the person's language, in the inbox, in their own email and in the
// daily digest: markdown as plain text, numbers with separators, ISO dates as dates, short subjects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { follows, notifications, topics } from "#db/schema";
import { closeExpiredPetitions, scheduleDebate } from "~/modules/petitions/petitions.lifecycle.server";
import { sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { NOTICE_PARAM_MAX, SUBJECT_MAX } from "~/modules/notifications/notice-format";
import { db } from "~/utils/db.server";
import { localDayAndHour } from "~/utils/local-time";
import * as closeRoute from "~/routes/discussions.$id_.close";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { CookieJar, createTestApp, type TestApp } from "../../support/handler";
import { comment, newDiscussion } from "../discussions/helpers";
import { actorOf, clerk, makePetition } from "../petitions/helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let app: TestApp;

beforeAll(async () => {
  mail = await startMailCatcher();
  app = await createTestApp();
});

afterAll(async () => {
  await mail.stop();
});

/** 08:00 in Amsterdam on the day after today's: the daily digest is due then. */
function tomorrowMorning(): Date {
  const day = localDayAndHour(new Date(Date.now() + 86_400_000)).day;
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${day}T08:00:00${offset}`);
    if (localDayAndHour(at).day === day && localDayAndHour(at).hour === 8) return at;
  }
  throw new Error(`no 08:00 on ${day}`);
}

/** The inbox's list items as text, as the person sees them. */
async function inboxItems(person: TestPerson): Promise<string[]> {
  const response = await app.get("/inbox", { cookieJar: new CookieJar(person.cookie) });
  expect(response.status).toBe(200);
  const html = (await response.text()).replace(/<!-- -->/g, "");
  return [...html.matchAll(/<li class="utrecht-unordered-list__item">([\s\S]*?)<\/li>/g)].map((m) =>
    // The isolates around names and titles (FSI/PDI, like <bdi>) are not seen.
    m[1]!.replace(/<[^>]+>/g, "").replace(/[\u2066-\u2069]/g, "").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim(),
  );
}

const CONCLUSION = [
  "## Besluit",
  "",
  "De **natuurspeelplek** komt er, in het _Wilhelminapark_. Zie [het raadsbesluit](https://example.org/besluit).",
  "",
  "- eerst een ontwerp met de buurt",
  "- dan de aanleg in het voorjaar",
  "",
  "Iedereen die meedacht: bedankt. ".repeat(12),
].join("\n");

describe("a discussion closed with a markdown conclusion", () => {
  it("reads as plain, short text in the inbox, and its email has a short subject", async () => {
    const owner = await createPerson({ email: "eigenaar@example.org" });
    const { topicId } = await newDiscussion(owner, "Komt er een natuurspeelplek?");
    const participant = await createPerson({ email: "participant@example.org", locale: "en" });
    comment(participant, topicId, "Graag!");
    const theClerk = await createPerson({ roles: ["clerk"] });
    await mail.flush();

    const closed = await callRoute(closeRoute, { path: `/discussions/${topicId}/close`, params: { id: String(topicId) }, form: { conclusion: CONCLUSION, confirm: "on" }, cookie: theClerk.cookie });
    expect(closed.status).toBe(302);

    const [nl] = await inboxItems(owner);
    expect(nl).toContain("De discussie ‘Komt er een natuurspeelplek?’ is gesloten. Conclusie: Besluit De natuurspeelplek komt er, in het Wilhelminapark. Zie het raadsbesluit.");
    expect(nl).not.toMatch(/\*\*|##|_Wilhelminapark_|\]\(/);
    expect(nl).toContain("…");
    // The conclusion is cut: the notice is one line, not the whole text.
    expect(nl!.length).toBeLessThan(NOTICE_PARAM_MAX + 120);

    const sent = await mail.flush();
    const toOwner = sent.find((m) => m.to.includes("eigenaar@example.org"))!;
    const toParticipant = sent.find((m) => m.to.includes("participant@example.org"))!;
    expect(toOwner.subject).toBe("De discussie ‘Komt er een natuurspeelplek?’ is gesloten");
    expect(toParticipant.subject).toBe("The discussion ‘Komt er een natuurspeelplek?’ has been closed");
    for (const m of [toOwner, toParticipant]) {
      expect(m.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
      expect(m.subject).not.toContain("natuurspeelplek komt er");
      expect(m.text).not.toMatch(/\*\*|##/);
    }
    expect(toOwner.text).toContain("Conclusie: Besluit De natuurspeelplek komt er");
    expect(toParticipant.text).toContain("Conclusion: Besluit De natuurspeelplek komt er");
  });
});

describe("a petition closed with 30000 signatures", () => {
  it("says 30.000 in Dutch and 30,000 in English, in the inbox, the email and the digest", async () => {
    const author = await createPerson({ email: "indiener@example.org", locale: "nl" });
    const { id } = await makePetition({ author, title: "Meer bankjes in het park" });
    const english = await createPerson({ email: "follower-en@example.org", locale: "en" });
    const digest = await createPerson({ email: "digest@example.org", locale: "nl", emailPreference: "digest" });
    for (const person of [english, digest]) db.insert(follows).values({ userId: person.id, topicId: id }).run();
    db.update(topics).set({ supportCount: 30000, closesAt: new Date(Date.now() - 60_000) }).where(eq(topics.id, id)).run();
    await mail.flush();

    expect(closeExpiredPetitions(new Date())).toBeGreaterThanOrEqual(1);

    expect((await inboxItems(author))[0]).toContain("De petitie ‘Meer bankjes in het park’ is gesloten met 30.000 handtekeningen.");
    expect((await inboxItems(english))[0]).toContain("The petition ‘Meer bankjes in het park’ has closed with 30,000 signatures.");

    const sent = await mail.flush();
    const toAuthor = sent.find((m) => m.to.includes("indiener@example.org"))!;
    const toEnglish = sent.find((m) => m.to.includes("follower-en@example.org"))!;
    expect(toAuthor.subject).toBe("De petitie ‘Meer bankjes in het park’ is gesloten met 30.000 handtekeningen.");
    expect(toAuthor.text).toContain("30.000 handtekeningen");
    expect(toEnglish.text).toContain("30,000 signatures");

    // The digest: tomorrow morning, the same line.
    const stored = db.select().from(notifications).where(and(eq(notifications.userId, digest.id), eq(notifications.digestPending, true))).all();
    expect(stored).toHaveLength(1);
    expect(await sendDailyDigest(tomorrowMorning())).toBeGreaterThanOrEqual(1);
    const digests = (await mail.flush()).filter((m) => m.to.includes("digest@example.org"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain("- De petitie ‘Meer bankjes in het park’ is gesloten met 30.000 handtekeningen.");
  });
});

describe("a debate scheduled for a day", () => {
  it("gives the day as a date in the language, not as ISO", async () => {
    const author = await createPerson({ email: "debat@example.org", locale: "en" });
    const { id } = await makePetition({ author, title: "Een zebrapad bij de school" });
    // The notice keeps the day as "2030-11-18"; the inbox shows it as a date.
    expect(scheduleDebate(actorOf(await clerk()), id, { meetingAt: new Date("2030-11-18T19:30:00+01:00") }).ok).toBe(true);
    const [item] = await inboxItems(author);
    expect(item).toContain("will be debated at the council meeting of 18 November 2030.");
    expect(item).not.toContain("2030-11-18");
  });
});

describe("the inbox", () => {
  it("marks unread notices with a visible badge in the language, and drops it once read; it has its own title", async () => {
    const person = await createPerson({ locale: "en" });
    const { topicId } = await newDiscussion(undefined, "Een vraag voor de inbox");
    db.insert(follows).values({ userId: person.id, topicId }).run();
    comment(await createPerson(), topicId, "Een reactie");

    const jar = new CookieJar(person.cookie);
    const html = (await (await app.get("/inbox", { cookieJar: jar })).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("<title>Messages · Gemeente Voorbeeldstad · Inspraak</title>");
    expect(html).toMatch(/<span class="utrecht-status-badge[^"]*">New<\/span>/);
    expect(html).not.toContain("<strong>• </strong>");
    expect((await inboxItems(person))[0]).toMatch(/^New /);

    const marked = await app.post("/inbox", {}, { cookieJar: jar });
    expect(marked.status).toBe(302);
    const after = (await (await app.get("/inbox", { cookieJar: jar })).text()).replace(/<!-- -->/g, "");
    expect(after).not.toMatch(/utrecht-status-badge[^"]*">New</);
    expect((await inboxItems(person))[0]).toContain("commented on ‘Een vraag voor de inbox’");
  });
});
