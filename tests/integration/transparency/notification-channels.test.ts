// Notifications people control (issue #13): a channel per kind of event, and every event told to
// each participant exactly once across the inbox, the immediate email and the daily digest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { emailOutbox, notifications } from "#db/schema";
import { chooseNotificationChannels } from "~/modules/notifications/notifications.server";
import { sendDailyDigest } from "~/modules/notifications/notifications.jobs.server";
import { postComment } from "~/modules/participation/comments.server";
import { addPetitionNextStep, recordResponse } from "~/modules/petitions/petitions.lifecycle.server";
import * as page from "~/routes/profile_.notifications";
import { db } from "~/utils/db.server";
import { findSessionUser } from "~/utils/auth.server";
import { endOfLocalDay, localDay } from "~/utils/local-time";
import { type TestPerson } from "../../support/fixtures";
import { sendSignerMailings } from "../../support/mailings";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, ensureNeighbourhoods, makePetition, resident, signAsResident } from "../petitions/helpers";

beforeAll(() => ensureNeighbourhoods());
afterAll(() => undefined);

const inbox = (person: TestPerson, topicId: number, type: string) =>
  db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.topicId, topicId), eq(notifications.type, type))).all().length;
const mails = (person: TestPerson, pattern: string) =>
  db.select({ text: emailOutbox.text }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, person.email), like(emailOutbox.dedupeKey, pattern))).all();

/** A participant in every way at once: signer, follower (signing and commenting follow) and commenter. */
async function participant(topicId: number, emailPreference: "immediate" | "digest" | "off") {
  const person = await resident({ emailPreference });
  expect((await signAsResident(topicId, person)).status).toBeLessThan(400);
  expect(postComment(findSessionUser(person.id)!, { topicId, body: `Ik doe mee, ${person.displayName}.` }).ok).toBe(true);
  return person;
}

describe("a channel per kind of event, each event told once", () => {
  it("a signer who follows and commented hears of a next step once: in the inbox, and by email now, in the digest, or not, as they chose", async () => {
    const { id } = await makePetition({ title: "Petitie voor de meldingen" });
    const now = await participant(id, "immediate");
    const daily = await participant(id, "immediate");
    const never = await participant(id, "immediate");
    chooseNotificationChannels(daily.id, { outcomes: "immediate", "next-steps": "digest", updates: "immediate", comments: "immediate" });
    chooseNotificationChannels(never.id, { outcomes: "immediate", "next-steps": "off", updates: "immediate", comments: "immediate" });

    const step = addPetitionNextStep(actorOf(await clerk()), id, { description: "De wethouder belt de buurt." });
    expect(step.ok).toBe(true);
    await sendSignerMailings();
    await sendSignerMailings();

    for (const person of [now, daily, never]) expect(inbox(person, id, "petition.notification.nextStep")).toBe(1);
    expect(mails(now, `%next-step-added%`)).toHaveLength(1);
    expect(mails(daily, `%next-step-added%`)).toHaveLength(0);
    expect(mails(never, `%next-step-added%`)).toHaveLength(0);

    // Tomorrow morning's digest carries it once for the one who chose the digest, and for no one else.
    const tomorrow = new Date(endOfLocalDay(localDay(new Date(Date.now() + 86_400_000)))!.getTime() - 14 * 3_600_000);
    await sendDailyDigest(tomorrow);
    await sendDailyDigest(tomorrow);
    const digests = mails(daily, "digest:%");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text.split("De wethouder belt de buurt.").length - 1).toBe(1);
    expect(mails(now, "digest:%")).toHaveLength(0);
    expect(mails(never, "digest:%")).toHaveLength(0);
  });

  it("the council's answer follows each signer's choice for outcomes: its full text by email now, one line in the digest, or the inbox alone", async () => {
    const { id } = await makePetition({ title: "Petitie met een antwoord" });
    const now = await participant(id, "immediate");
    const daily = await participant(id, "immediate");
    const never = await participant(id, "immediate");
    const generalDigest = await participant(id, "digest");
    chooseNotificationChannels(daily.id, { outcomes: "digest", "next-steps": "immediate", updates: "immediate", comments: "immediate" });
    chooseNotificationChannels(never.id, { outcomes: "off", "next-steps": "immediate", updates: "immediate", comments: "immediate" });

    expect(recordResponse(actorOf(await clerk()), id, { body: "De raad legt een zebrapad aan.", responsibleBody: "Gemeenteraad" }).ok).toBe(true);
    await sendSignerMailings();
    await sendSignerMailings();

    for (const person of [now, daily, never, generalDigest]) expect(inbox(person, id, "petition.notification.responded")).toBe(1);
    const answered = mails(now, "%-responded:%");
    expect(answered).toHaveLength(1);
    expect(answered[0]!.text).toContain("De raad legt een zebrapad aan.");
    for (const person of [daily, never, generalDigest]) expect(mails(person, "%-responded:%"), person.displayName).toHaveLength(0);

    // One digest a day for the whole municipality: tomorrow's may have gone out in another test already.
    for (const days of [1, 2]) await sendDailyDigest(new Date(endOfLocalDay(localDay(new Date(Date.now() + days * 86_400_000)))!.getTime() - 14 * 3_600_000));
    for (const person of [daily, generalDigest]) {
      const digests = mails(person, "digest:%");
      expect(digests, person.displayName).toHaveLength(1);
      expect(digests[0]!.text.split("Petitie met een antwoord").length - 1).toBe(1);
    }
    expect(mails(never, "digest:%")).toHaveLength(0);
    expect(mails(now, "digest:%")).toHaveLength(0);
  });

  it("comments switched off still reach the inbox, without email", async () => {
    const { id } = await makePetition();
    const quiet = await participant(id, "immediate");
    chooseNotificationChannels(quiet.id, { outcomes: "immediate", "next-steps": "immediate", updates: "immediate", comments: "off" });
    const loud = await participant(id, "immediate");
    const writer = await resident();
    expect(postComment(findSessionUser(writer.id)!, { topicId: id, body: "Een nieuwe reactie van iemand anders." }).ok).toBe(true);
    // The quiet one hears of the loud one's comment and the writer's; the loud one of the writer's.
    expect(inbox(quiet, id, "comment.notice.new")).toBe(2);
    expect(inbox(loud, id, "comment.notice.new")).toBe(1);
    expect(mails(quiet, "comment:%")).toHaveLength(0);
    expect(mails(loud, "comment:%:new:%")).toHaveLength(1);
  });

  it("the preference page saves a channel per kind, refuses a value that is none of them beside its field, and is for signed-in people", async () => {
    const person = await resident();
    const form = { outcomes: "immediate", "next-steps": "digest", updates: "off", comments: "immediate" };
    const saved = await callRoute(page, { method: "POST", path: "/profile/notifications", cookie: person.cookie, form });
    expect(saved.status).toBe(302);
    expect((await callRoute(page, { path: "/profile/notifications", cookie: person.cookie })).data.choices).toEqual(form);

    const bad = await callRoute(page, { method: "POST", path: "/profile/notifications", cookie: person.cookie, form: { ...form, updates: "hourly" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.updates).toBe("Kies direct, dagelijks overzicht of geen e-mail.");
    expect((await callRoute(page, { path: "/profile/notifications", cookie: person.cookie })).data.choices).toEqual(form);

    await expectPermissions({ route: page, request: () => ({ path: "/profile/notifications" }), allowed: ["resident", "clerk", "councillor", "admin"] });
  });
});
