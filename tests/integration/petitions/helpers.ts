import { and, eq, sql } from "drizzle-orm";
import { emailOutbox, neighbourhoods, petitions, supportDailyCounts, supportNeighbourhoodCounts, signatures, topics, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { findSessionUser } from "~/utils/auth.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { createPetition, publishPetition, submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import type { PetitionActor } from "~/modules/petitions/petitions.server";
import * as page from "~/routes/petitions.$id";
import * as confirm from "~/routes/petitions.confirm.$token";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { callRoute, type RouteResult } from "../../support/routes";

let counter = 0;
export function uniqueEmail(prefix = "signer"): string {
  counter++;
  return `${prefix}-${Date.now()}-${counter}@example.org`;
}
/** A fresh client address per call, so the per-IP signing limit of one test never touches another. */
export function uniqueIp(): string {
  counter++;
  return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

/** Voorbeeldstad's neighbourhoods, once per test file. */
export function ensureNeighbourhoods(): Record<string, number> {
  const existing = db.select().from(neighbourhoods).all();
  if (existing.length === 0) {
    db.insert(neighbourhoods)
      .values([
        { name: "Centrum", postcodeFrom: 9901, postcodeTo: 9905 },
        { name: "Noord", postcodeFrom: 9906, postcodeTo: 9910 },
      ])
      .run();
  }
  return Object.fromEntries(db.select().from(neighbourhoods).all().map((n) => [n.name, n.id]));
}

export function actorOf(person: TestPerson): PetitionActor {
  return findSessionUser(person.id)!;
}

let clerkPerson: TestPerson | undefined;
export async function clerk(): Promise<TestPerson> {
  clerkPerson ??= await createPerson({ roles: ["clerk"], name: "Griffier Test" });
  return clerkPerson;
}

export function setThresholds(response: number, debate: number) {
  updateSettings(null, { petitionResponseThreshold: response, petitionDebateThreshold: debate });
}

/** A petition of a fresh resident, published by a clerk, unless told to stop earlier. */
export async function makePetition(
  options: { title?: string; author?: TestPerson; stage?: "draft" | "submitted" | "open"; request?: string; background?: string } = {},
): Promise<{ id: number; author: TestPerson }> {
  const author = options.author ?? (await createPerson({ roles: ["resident"] }));
  counter++;
  const created = createPetition(actorOf(author), {
    title: options.title ?? `Een petitie om te testen nummer ${counter}`,
    request: options.request ?? "Wij vragen de gemeenteraad om iets goeds te doen voor de wijk.",
    background: options.background ?? "Omdat het **nodig** is.",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const stage = options.stage ?? "open";
  if (stage !== "draft") {
    const submitted = submitPetition(actorOf(author), created.topicId);
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  }
  if (stage === "open") {
    const published = publishPetition(actorOf(await clerk()), created.topicId);
    if (!published.ok) throw new Error(JSON.stringify(published));
  }
  return { id: created.topicId, author };
}

export function petitionRow(id: number) {
  const topic = db.select().from(topics).where(eq(topics.id, id)).get()!;
  const side = db.select().from(petitions).where(eq(petitions.topicId, id)).get()!;
  return { ...topic, ...side };
}

/** The count on the topic, and the sums of the per-day and per-neighbourhood counters: all three must agree. */
export function counts(id: number) {
  const support = db.select({ n: topics.supportCount }).from(topics).where(eq(topics.id, id)).get()!.n;
  const daily = db.select({ n: sql<number>`coalesce(sum(${supportDailyCounts.count}), 0)` }).from(supportDailyCounts).where(eq(supportDailyCounts.topicId, id)).get()!.n;
  const hoods = db
    .select({ n: sql<number>`coalesce(sum(${supportNeighbourhoodCounts.count}), 0)` })
    .from(supportNeighbourhoodCounts)
    .where(eq(supportNeighbourhoodCounts.topicId, id))
    .get()!.n;
  const confirmed = db
    .select({ n: sql<number>`count(*)` })
    .from(signatures)
    .where(and(eq(signatures.topicId, id), eq(signatures.status, "confirmed")))
    .get()!.n;
  return { support, daily, hoods, confirmed };
}

export function signaturesOf(id: number) {
  return db.select().from(signatures).where(eq(signatures.topicId, id)).all();
}

export function guestForm(email: string, extra: Record<string, string> = {}) {
  return { intent: "sign", name: "Gast Ondertekenaar", email, postcode: "9903 AB", residence: "on", ...extra };
}

/** A guest signs through the page's action. */
export function signAsGuest(id: number, email: string, extra: Record<string, string> = {}, ip = uniqueIp()): Promise<RouteResult> {
  return callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form: guestForm(email, extra), ip });
}

/**
 * A signed-in resident signs through the page's action. An account without a postcode gives one
 * (9903 AB, Centrum) with the residence declaration, as the page's form asks; it is then kept on
 * the account. An account with a postcode signs with one click (the extra fields are ignored).
 */
export function signAsResident(id: number, person: TestPerson, extra: Record<string, string> = {}): Promise<RouteResult> {
  const form = { intent: "sign", postcode: "9903 AB", residence: "on", ...extra };
  return callRoute(page, { path: `/petitions/${id}`, params: { id: String(id) }, form, cookie: person.cookie, ip: uniqueIp() });
}

/** A resident whose account has a postcode (in Centrum, unless told otherwise): they sign with one click. */
export async function resident(options: Parameters<typeof createPerson>[0] & { postcode?: string } = {}): Promise<TestPerson> {
  const { postcode = "9903AB", ...rest } = options;
  const person = await createPerson(rest);
  setUserPostcode(person.id, postcode);
  return person;
}

function confirmPath(link: string) {
  const token = new URL(link).pathname.split("/").pop()!;
  return { path: `/petitions/confirm/${token}`, params: { token } };
}

/** Opens a confirmation link from an email (GET), as a person or a mail filter does: it may change nothing. */
export function openLink(link: string, headers?: Record<string, string>): Promise<RouteResult> {
  return callRoute(confirm, { ...confirmPath(link), headers });
}

/** Presses the button on a confirmation link's page (POST, no session, no fields). */
export function pressConfirm(link: string, headers?: Record<string, string>): Promise<RouteResult> {
  return callRoute(confirm, { ...confirmPath(link), method: "POST", form: {}, headers });
}

/** What a guest does with the email: opens the link and, when the page offers the button, presses it. */
export async function followLink(link: string): Promise<RouteResult> {
  const opened = await openLink(link);
  return opened.status === 200 ? pressConfirm(link) : opened;
}

export const CONFIRM_LINK = /https?:\/\/\S+\/petitions\/confirm\/[A-Za-z0-9_-]+/;

export function setUserPostcode(userId: string, postcode: string | null) {
  db.update(users).set({ postcode }).where(eq(users.id, userId)).run();
}

/** Runs the outbox worker until nothing is pending (it sends in batches). */
export async function drain(mail: { flush: () => Promise<Array<{ to: string[]; subject: string; text: string }>> }) {
  const delivered: Array<{ to: string[]; subject: string; text: string }> = [];
  for (;;) {
    const batch = await mail.flush();
    delivered.push(...batch);
    const pending = db.select({ n: sql<number>`count(*)` }).from(emailOutbox).where(eq(emailOutbox.status, "pending")).get()!.n;
    if (pending === 0 || batch.length === 0) return delivered;
  }
}
