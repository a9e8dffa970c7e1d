// Who counts as a supporter of an agenda proposal under the verordening: the settings give the
// rule, the account gives the facts, and the one pure eligibility function
// (residents/eligibility.rules.ts) decides. Read where the support is recorded, on the fast path
// too, so it is one prepared query and a short-lived list of neighbourhoods.
import { and, eq } from "drizzle-orm";
import { neighbourhoods, supports } from "#db/schema";
import type { MessageKey, MessageParams } from "~/i18n";
import { eligibility, type EligibilityRule, type IneligibleReason, type NeighbourhoodRange } from "~/modules/residents/eligibility.rules";
import { getSetting } from "~/modules/settings/settings.server";
import { db, sqlite, type DB, type Tx } from "~/utils/db.server";
import { can, type Actor } from "~/utils/permissions";
import type { ProposalResource } from "./proposals.permissions";

interface FactsRow {
  email_verified_at: number | null;
  resident_verified_at: number | null;
  birth_date: string | null;
  postcode: string | null;
}

let factsQuery: import("better-sqlite3").Statement<[string], FactsRow> | undefined;
let ranges: { at: number; list: NeighbourhoodRange[] } | undefined;

function neighbourhoodRanges(tx: DB | Tx, now: number): NeighbourhoodRange[] {
  // Neighbourhoods change a few times a year: read at most every ten seconds.
  if (!ranges || now - ranges.at > 10_000) {
    ranges = { at: now, list: tx.select({ id: neighbourhoods.id, postcodeFrom: neighbourhoods.postcodeFrom, postcodeTo: neighbourhoods.postcodeTo }).from(neighbourhoods).all() };
  }
  return ranges.list;
}

/** The verordening's rule as the settings give it now. */
export function supportRule(): EligibilityRule {
  const minimumAge = getSetting("proposalMinimumAge");
  return { who: getSetting("proposalWhoMaySupport"), minimumAge: minimumAge > 0 ? minimumAge : null, ageOnDay: null, neighbourhoodId: null };
}

/** Why this person does not count as a supporter now, or null when they do. */
export function ineligibleReason(tx: DB | Tx, userId: string, now: Date): IneligibleReason | null {
  factsQuery ??= sqlite().prepare("SELECT email_verified_at, resident_verified_at, birth_date, postcode FROM users WHERE id = ?");
  const facts = factsQuery.get(userId);
  if (!facts) return "email-not-confirmed";
  const decided = eligibility(
    supportRule(),
    {
      emailConfirmed: facts.email_verified_at !== null,
      residentVerifiedAt: facts.resident_verified_at === null ? null : new Date(facts.resident_verified_at),
      birthDate: facts.birth_date,
      postcode: facts.postcode,
    },
    neighbourhoodRanges(tx, now.getTime()),
    now,
  );
  return decided.ok ? null : decided.reason;
}

/** The refusal of a support post, without placeholders (a message after a redirect carries none). */
export const INELIGIBLE_SUPPORT: Record<IneligibleReason, MessageKey> = {
  "email-not-confirmed": "eligibility.email-not-confirmed",
  "not-verified-resident": "eligibility.not-verified-resident",
  "no-postcode": "eligibility.no-postcode",
  "outside-municipality": "eligibility.outside-municipality",
  "outside-neighbourhood": "proposal.ineligible.outside-neighbourhood",
  "age-unknown": "eligibility.age-unknown",
  "too-young": "proposal.ineligible.too-young",
};

/** What the page's support block shows this person: a button, their support, or why they cannot. */
export type SupportBlock =
  | { state: "visitor" }
  | { state: "may" }
  | { state: "supported" }
  | { state: "cannot"; message: MessageKey; params?: MessageParams };

export function supportBlockFor(actor: Actor | null, topic: ProposalResource & { id: number }, now: Date): SupportBlock {
  if (!actor) return { state: "visitor" };
  if (!can(actor, "proposal:support", topic)) {
    return { state: "cannot", message: actor.blocked ? "comment.error.blocked" : !actor.emailVerified ? "eligibility.email-not-confirmed" : "proposal.support.notAllowed" };
  }
  const counted = db.select({ id: supports.id }).from(supports).where(and(eq(supports.topicId, topic.id), eq(supports.userId, actor.id), eq(supports.status, "counted"))).get();
  if (counted) return { state: "supported" };
  const reason = ineligibleReason(db, actor.id, now);
  if (!reason) return { state: "may" };
  if (reason === "too-young") return { state: "cannot", message: "eligibility.too-young", params: { age: supportRule().minimumAge ?? 0 } };
  return { state: "cannot", message: INELIGIBLE_SUPPORT[reason] };
}
