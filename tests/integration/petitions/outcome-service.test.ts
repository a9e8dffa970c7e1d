// Petitions on the shared outcome service (issue #8): every event of a petition's life is a
// catalogued timeline event with its kind and the actor's role, its audit entry is under the topic,
// and its notices pass the one recipient filter (a blocked or deleted person hears nothing, signer or not).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like } from "drizzle-orm";
import { auditLog, emailOutbox, notifications, topicEvents, users } from "#db/schema";
import { addPetitionNextStep, completePetitionNextStep, recordResponse } from "~/modules/petitions/petitions.lifecycle.server";
import { sendSupporterMailings } from "~/modules/support/support.mailings.server";
import { followTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { actorOf, clerk, ensureNeighbourhoods, makePetition, resident, signAsResident } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
});
afterAll(async () => {
  await mail.stop();
});

const told = (userId: string, topicId: number) =>
  db.select({ type: notifications.type }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.topicId, topicId))).all().map((n) => n.type);
const mailedTo = (address: string, topicId: number) =>
  db.select({ key: emailOutbox.dedupeKey }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, address), like(emailOutbox.dedupeKey, `petition-%:${topicId}:%`))).all();

describe("petitions on the outcome service", () => {
  it("tells nobody who is blocked or deleted of the council's answer: not as a follower, not as a signer", async () => {
    const { id, author } = await makePetition();
    const signer = await resident();
    const blockedSigner = await resident();
    const deletedSigner = await resident();
    for (const person of [signer, blockedSigner, deletedSigner]) expect((await signAsResident(id, person)).status).toBeLessThan(400);
    const blockedFollower = await createPerson();
    followTopic(blockedFollower.id, id);
    db.update(users).set({ blockedAt: new Date() }).where(inArray(users.id, [blockedSigner.id, blockedFollower.id])).run();
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, deletedSigner.id)).run();

    expect(recordResponse(actorOf(await clerk()), id, { body: "De raad doet het.", responsibleBody: "Gemeenteraad" }).ok).toBe(true);
    await sendSupporterMailings();

    expect(told(author.id, id)).toContain("petition.notification.responded");
    expect(told(signer.id, id)).toEqual(["petition.notification.responded"]);
    expect(mailedTo(signer.email, id)).toHaveLength(1);
    for (const person of [blockedSigner, deletedSigner, blockedFollower]) {
      expect(told(person.id, id)).toEqual([]);
      expect(mailedTo(person.email, id)).toEqual([]);
    }
  });

  it("records each event with its kind and the actor's role, public words only, and audits under the topic", async () => {
    const { id, author } = await makePetition();
    const theClerk = actorOf(await clerk());
    const step = addPetitionNextStep(theClerk, id, { description: "De wethouder schrijft de buurt." });
    if (!step.ok) throw new Error(step.reason);
    expect(completePetitionNextStep(theClerk, id, step.stepId)).toEqual({ ok: true });
    expect(completePetitionNextStep(theClerk, id, step.stepId)).toEqual({ ok: true });

    const events = db.select().from(topicEvents).where(eq(topicEvents.topicId, id)).orderBy(topicEvents.id).all();
    expect(events.map((e) => [e.type, e.kind, e.actorRole, e.eventKey])).toEqual([
      ["created", "petition", "author", "created"],
      ["submitted", "petition", "author", "submitted"],
      ["published", "petition", "staff", "published"],
      ["next-step-added", "petition", "staff", `next-step-added:${step.stepId}`],
      ["next-step-done", "petition", "staff", `next-step-done:${step.stepId}`],
    ]);
    const words = JSON.stringify(events.map((e) => e.data));
    expect(words).not.toContain(author.displayName);
    expect(words).not.toContain(author.email);

    const audit = db.select({ action: auditLog.action, type: auditLog.entityType }).from(auditLog).where(eq(auditLog.entityId, String(id))).orderBy(auditLog.id).all();
    expect(audit).toEqual([
      { action: "petition.publish", type: "topic" },
      { action: "petition.add-next-step", type: "topic" },
      { action: "petition.complete-next-step", type: "topic" },
    ]);
  });
});
