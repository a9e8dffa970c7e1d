// Votes in tests: neighbourhoods for eligibility, voters with the facts eligibility reads, and a
// vote set up through the clerk's use case.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { neighbourhoods, users } from "#db/schema";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createVote, listOptions } from "~/modules/votes/votes.server";
import type { VoteSetupInput } from "~/modules/votes/votes.schema";
import { createPerson, type TestPerson } from "../../support/fixtures";

/** Two neighbourhoods (made once per test file): Centrum 9901-9905 and Noord 9906-9910. */
export function ensureNeighbourhoods(): { centrum: number; noord: number } {
  const existing = db.select().from(neighbourhoods).all();
  const find = (name: string) => existing.find((n) => n.name === name)?.id;
  const centrum = find("Centrum") ?? db.insert(neighbourhoods).values({ name: "Centrum", postcodeFrom: 9901, postcodeTo: 9905 }).returning().get().id;
  const noord = find("Noord") ?? db.insert(neighbourhoods).values({ name: "Noord", postcodeFrom: 9906, postcodeTo: 9910 }).returning().get().id;
  return { centrum, noord };
}

export const actorOf = (person: Pick<TestPerson, "id">, roles: Actor["roles"] = ["resident"]): Actor => ({ id: person.id, roles, emailVerified: true, blocked: false });

/** A resident with a postcode in Centrum (unless told otherwise), optionally verified with a date of birth. */
export async function createVoter(options: { postcode?: string | null; verified?: boolean; birthDate?: string | null; emailConfirmed?: boolean; locale?: "nl" | "en" } = {}): Promise<TestPerson> {
  ensureNeighbourhoods();
  const person = await createPerson({ verified: options.emailConfirmed ?? true, locale: options.locale });
  db.update(users)
    .set({
      postcode: options.postcode === undefined ? "9903AB" : options.postcode,
      residentVerifiedAt: options.verified ? new Date() : null,
      birthDate: options.birthDate ?? null,
    })
    .where(eq(users.id, person.id))
    .run();
  return person;
}

export const newCode = () => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(crypto.randomBytes(26), (b) => alphabet[b & 31]).join("");
};

const HOUR = 3_600_000;

/** The set-up of a vote that is open now; `overrides` change any field. */
export function setup(overrides: Partial<VoteSetupInput> = {}): VoteSetupInput {
  return {
    title: "Welke naam krijgt het park?",
    body: "Kies een naam.",
    ballotType: "single",
    maxChoices: undefined,
    budget: undefined,
    minProjects: undefined,
    maxProjects: undefined,
    allocationRule: "equalshares/add1",
    opensAt: new Date(Date.now() - HOUR),
    closesAt: new Date(Date.now() + 24 * HOUR),
    eligibleWho: "confirmed-accounts",
    minimumAge: undefined,
    neighbourhoodId: undefined,
    resultsShown: "after-closing",
    options: ["Havenpark", "Kadepark", "Park De Kraan"].map((title) => ({ title, description: "", cost: null, imageUrl: null, imageAlt: null, linkedTopicId: null })),
    ...overrides,
  };
}

export const project = (title: string, cost: number) => ({ title, description: "", cost, imageUrl: null, imageAlt: null, linkedTopicId: null });

/** A budget of 100: projects A 60, B 40, C 30, D 20. */
export function budgetSetup(overrides: Partial<VoteSetupInput> = {}): VoteSetupInput {
  return setup({ ballotType: "budget", budget: 100, options: [project("A", 60), project("B", 40), project("C", 30), project("D", 20)], ...overrides });
}

let clerk: TestPerson | undefined;
export async function theClerk(): Promise<TestPerson> {
  clerk ??= await createPerson({ roles: ["resident", "clerk"] });
  return clerk;
}

/** Sets up a vote as a clerk; returns its id and its options' ids in order. */
export async function makeVote(input: VoteSetupInput = setup()): Promise<{ topicId: number; optionIds: number[] }> {
  const result = createVote(actorOf(await theClerk(), ["resident", "clerk"]), input);
  if (!result.ok) throw new Error(`makeVote: ${result.reason}`);
  return { topicId: result.topicId, optionIds: listOptions(db, result.topicId).map((o) => o.id) };
}
