import { and, eq } from "drizzle-orm";
import { auditLog, notifications, outcomes, supports, topicEvents, topics, users } from "#db/schema";
import { decideAdmissibility, draftProposal, submitProposal } from "~/modules/proposals/proposals.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getToast } from "~/utils/toast.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import type { RouteResult } from "../../support/routes";

let counter = 0;

export const actorOf = (person: TestPerson) => findSessionUser(person.id)!;

/** Makes a person a verified resident of Voorbeeldstad's centre, born on the given day. */
export function verify(person: TestPerson, birthDate = "1980-06-01", postcode = "9903AB") {
  db.update(users).set({ residentVerifiedAt: new Date(Date.now() - 86_400_000), birthDate, postcode }).where(eq(users.id, person.id)).run();
}

export async function verifiedResident(birthDate?: string): Promise<TestPerson> {
  const person = await createPerson({ roles: ["resident"] });
  verify(person, birthDate);
  return person;
}

let clerkPerson: TestPerson | undefined;
export async function clerk(): Promise<TestPerson> {
  clerkPerson ??= await createPerson({ roles: ["clerk"], name: "Griffier Voorstellen" });
  return clerkPerson;
}

export function proposalSettings(values: Partial<{ threshold: number; days: number; who: "verified-residents" | "confirmed-accounts"; age: number }>) {
  updateSettings(null, {
    proposalThresholdType: "absolute",
    ...(values.threshold !== undefined ? { proposalThresholdAbsolute: values.threshold } : {}),
    ...(values.days !== undefined ? { proposalSupportDays: values.days } : {}),
    ...(values.who !== undefined ? { proposalWhoMaySupport: values.who } : {}),
    ...(values.age !== undefined ? { proposalMinimumAge: values.age } : {}),
  });
}

/** A proposal of a fresh resident, up to the stage asked for (admitted by a clerk: collecting). */
export async function makeProposal(options: { stage?: "draft" | "submitted" | "collecting"; author?: TestPerson; title?: string; at?: Date } = {}) {
  const author = options.author ?? (await createPerson({ roles: ["resident"] }));
  counter++;
  const at = options.at ?? new Date();
  const made = draftProposal(actorOf(author), {
    title: options.title ?? `Een voorstel om te testen nummer ${counter}`,
    decision: "De raad besluit dat er meer bomen komen in de wijk.",
    reasons: "Bomen geven schaduw en koelte.",
    neighbourhoodId: null,
  }, { now: at });
  if (!made.ok) throw new Error(made.reason);
  const id = made.topicId;
  if (options.stage !== "draft") {
    const submitted = submitProposal(actorOf(author), id, at);
    if (!submitted.ok) throw new Error(submitted.reason);
    if (options.stage !== "submitted") {
      const admitted = decideAdmissibility(actorOf(await clerk()), id, { decision: { admissible: true }, note: null, earlierTopicId: null }, at);
      if (!admitted.ok) throw new Error(admitted.reason);
    }
  }
  return { id, author };
}

export const topicRow = (id: number) => db.select().from(topics).where(eq(topics.id, id)).get()!;
export const supportRows = (id: number) => db.select().from(supports).where(eq(supports.topicId, id)).all();
export const eventsOf = (id: number) => db.select({ type: topicEvents.type }).from(topicEvents).where(eq(topicEvents.topicId, id)).all().map((e) => e.type);
export const noticesOf = (userId: string, id: number) =>
  db.select({ type: notifications.type }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.topicId, id))).all().map((n) => n.type);
export const auditOf = (id: number) => db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "topic"), eq(auditLog.entityId, String(id)))).all().map((a) => a.action);
export const outcomesOf = (id: number) => db.select().from(outcomes).where(eq(outcomes.topicId, id)).all();

/** The message of the toast an answer set. */
export async function toastOf(result: RouteResult) {
  const setCookie = result.headers.get("Set-Cookie");
  if (!setCookie) return null;
  return (await getToast(new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } }))).toast?.message ?? null;
}
