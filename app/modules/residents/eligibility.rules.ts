// Who may support a proposal or cast a vote: one pure decision from the rule the clerk or the
// municipality's verordening set and the facts on the person's account. The server reads the facts
// (account, verification, neighbourhoods) and passes them in; nothing here touches the database.
import { localDay } from "~/utils/local-time";

/** Who counts: anyone with a confirmed account, or only people verified as residents. */
export type EligibleGroup = "confirmed-accounts" | "verified-residents";

export interface EligibilityRule {
  who: EligibleGroup;
  /** Years a person must have reached; null for no minimum. */
  minimumAge: number | null;
  /**
   * The calendar day ("YYYY-MM-DD", the peildatum) on which the minimum age must be reached; null
   * for the day of the action itself, as the calendar in the municipality shows it.
   */
  ageOnDay: string | null;
  /** Only residents of this neighbourhood; null for the whole municipality. */
  neighbourhoodId: number | null;
}

/** What the account says about the person. */
export interface Participant {
  emailConfirmed: boolean;
  /** Set while they are a verified resident; null when never verified or the verification was revoked. */
  residentVerifiedAt: Date | null;
  /** "YYYY-MM-DD", recorded when they were verified; null when unknown. */
  birthDate: string | null;
  /** Normalised Dutch postcode ("1234AB"); null when they gave none. */
  postcode: string | null;
}

/** A neighbourhood (wijk) as the range of 4-digit postcode numbers it covers, inclusive. */
export interface NeighbourhoodRange {
  id: number;
  postcodeFrom: number;
  postcodeTo: number;
}

export type IneligibleReason =
  | "email-not-confirmed"
  | "not-verified-resident"
  | "no-postcode"
  | "outside-municipality"
  | "outside-neighbourhood"
  | "age-unknown"
  | "too-young";

export type Eligibility = { ok: true; neighbourhoodId: number } | { ok: false; reason: IneligibleReason };

/** The neighbourhood a postcode lies in; null for a postcode outside the municipality. */
export function neighbourhoodOf(postcode: string, neighbourhoods: readonly NeighbourhoodRange[]): number | null {
  const match = /^([1-9]\d{3})\s?[A-Za-z]{2}$/.exec(postcode.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return neighbourhoods.find((n) => n.postcodeFrom <= number && number <= n.postcodeTo)?.id ?? null;
}

/**
 * Whole years from a birth date to a calendar day. A birthday counts from its own day: someone
 * born on 15 March is 18 on the 15th, not the 16th. Someone born on 29 February reaches a new age
 * on 1 March in years without one (the years are only complete once 28 February is over).
 * Null for anything that is not a real date.
 */
export function ageOn(birthDate: string, day: string): number | null {
  const born = realDate(birthDate);
  const on = realDate(day);
  if (!born || !on) return null;
  const hadBirthday = on.slice(5) >= born.slice(5);
  return Number(on.slice(0, 4)) - Number(born.slice(0, 4)) - (hadBirthday ? 0 : 1);
}

function realDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

/**
 * Whether a person may take part under a rule at moment `at`, and if so the neighbourhood they
 * count in; otherwise the first reason that stands in the way, in the order a person can act on
 * them: confirm the email address, get verified, give a postcode, and only then residence and age.
 * Everyone must live in the municipality (a postcode inside one of its neighbourhoods), also under
 * "confirmed-accounts".
 */
export function eligibility(
  rule: EligibilityRule,
  person: Participant,
  neighbourhoods: readonly NeighbourhoodRange[],
  at: Date,
): Eligibility {
  if (!person.emailConfirmed) return { ok: false, reason: "email-not-confirmed" };
  if (rule.who === "verified-residents" && !person.residentVerifiedAt) return { ok: false, reason: "not-verified-resident" };
  if (!person.postcode) return { ok: false, reason: "no-postcode" };
  const neighbourhoodId = neighbourhoodOf(person.postcode, neighbourhoods);
  if (neighbourhoodId === null) return { ok: false, reason: "outside-municipality" };
  if (rule.neighbourhoodId !== null && neighbourhoodId !== rule.neighbourhoodId) return { ok: false, reason: "outside-neighbourhood" };
  if (rule.minimumAge !== null) {
    const age = person.birthDate ? ageOn(person.birthDate, rule.ageOnDay ?? localDay(at)) : null;
    if (age === null) return { ok: false, reason: "age-unknown" };
    if (age < rule.minimumAge) return { ok: false, reason: "too-young" };
  }
  return { ok: true, neighbourhoodId };
}
