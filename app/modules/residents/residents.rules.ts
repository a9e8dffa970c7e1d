// Resident verification, the rules without the database: what a letter code looks like, how a
// mail-merge address list is read, and which dates of birth and verifications make sense. The
// service (residents.server.ts) reads the facts and calls these.
import { ageOn } from "./eligibility.rules";

/**
 * The letters and digits of a letter code: no I, O, 0 or 1, which read alike on paper. 32 symbols,
 * so 12 of them are 60 random bits; with the redemption rate limit nobody guesses one.
 */
export const LETTER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LETTER_CODE_LENGTH = 12;

/** A code as printed on the letter: "ABCD-EFGH-JKLM". */
export function formatLetterCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/**
 * A code as a person typed it (any case, spaces or dashes between the groups), in the form its hash
 * was made from; null for anything that cannot be a code (wrong length or letters we never print).
 */
export function normaliseLetterCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "").toUpperCase();
  if (code.length !== LETTER_CODE_LENGTH) return null;
  for (const char of code) if (!LETTER_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** How many addresses one mail merge may hold: a batch is generated in one request. */
export const MAX_LETTER_ADDRESSES = 5_000;

export interface LetterAddress {
  /** The line as the clerk gave it: it goes back into the mail merge file as it was. */
  line: string;
  /** The postcode found in the line, normalised ("1234AB"). */
  postcode: string;
}

export type AddressProblem = { line: number; problem: "no-postcode" | "outside-municipality" | "too-long" };

/**
 * Reads the clerk's address list: one address per line, its parts separated by semicolons or commas
 * ("Stadhuisplein 1; 9901 AB; Voorbeeldstad"); each line must hold one Dutch postcode inside the
 * municipality. Empty lines are skipped. Every problem is reported with its line number, so the clerk
 * can mend the list; nothing is generated while there is one.
 */
export function readAddressList(
  text: string,
  inMunicipality: (postcode: string) => boolean,
): { ok: true; addresses: LetterAddress[] } | { ok: false; problems: AddressProblem[] } | { ok: false; tooMany: true } {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line: line.trim(), number: index + 1 }));
  const filled = lines.filter((l) => l.line !== "");
  if (filled.length > MAX_LETTER_ADDRESSES) return { ok: false, tooMany: true };
  const addresses: LetterAddress[] = [];
  const problems: AddressProblem[] = [];
  for (const { line, number } of filled) {
    if (line.length > 300) {
      problems.push({ line: number, problem: "too-long" });
      continue;
    }
    const found = /(?:^|[^0-9])([1-9][0-9]{3})\s?([A-Za-z]{2})(?![A-Za-z])/.exec(line);
    if (!found) {
      problems.push({ line: number, problem: "no-postcode" });
      continue;
    }
    const postcode = `${found[1]}${found[2]!.toUpperCase()}`;
    if (!inMunicipality(postcode)) {
      problems.push({ line: number, problem: "outside-municipality" });
      continue;
    }
    addresses.push({ line, postcode });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, addresses };
}

/** Nobody on the register is older than this; a birth date before it is a typing error. */
const OLDEST_AGE = 125;

/**
 * A date of birth as typed: "YYYY-MM-DD" (a date field) or "DD-MM-YYYY" / "D-M-YYYY" with dashes,
 * slashes or dots (typed by hand). Returns "YYYY-MM-DD" for a real date that is not in the future
 * and at most 125 years ago on `today` ("YYYY-MM-DD"); null otherwise.
 */
export function parseBirthDate(input: string, today: string): string | null {
  const value = input.trim();
  let iso: string | null = null;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dutchMatch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]!.padStart(2, "0")}-${isoMatch[3]!.padStart(2, "0")}`;
  else if (dutchMatch) iso = `${dutchMatch[3]}-${dutchMatch[2]!.padStart(2, "0")}-${dutchMatch[1]!.padStart(2, "0")}`;
  if (!iso) return null;
  const age = ageOn(iso, today);
  if (age === null || iso > today || age > OLDEST_AGE) return null;
  return iso;
}

export type LetterCodeState = "usable" | "used" | "expired";

/** Whether a stored code can still be used at `now`. A used code stays used, also after it expired. */
export function letterCodeState(code: { usedAt: Date | null; expiresAt: Date }, now: Date): LetterCodeState {
  if (code.usedAt) return "used";
  return code.expiresAt.getTime() <= now.getTime() ? "expired" : "usable";
}

/** How long a letter code may be used: at least a week (post takes days), at most a year. */
export const LETTER_CODE_DAYS = { min: 7, max: 365, default: 90 } as const;

/** How the letter-codes form is told what was wrong with a list (in its address, by line number). */
export interface ListProblems {
  fields?: string[];
  tooMany?: boolean;
  lines?: AddressProblem[];
}

/** The first problems only: the address stays short, and the clerk mends the list from the top. */
export const SHOWN_PROBLEMS = 10;

const PROBLEM_KINDS = ["no-postcode", "outside-municipality", "too-long"] as const;

export function problemsQuery(problems: ListProblems): string {
  const query = new URLSearchParams();
  for (const field of problems.fields ?? []) query.append("invalid", field);
  if (problems.tooMany) query.set("invalid", "tooMany");
  const lines = problems.lines ?? [];
  if (lines.length) query.set("lines", lines.slice(0, SHOWN_PROBLEMS).map((p) => `${p.line}.${p.problem}`).join("~"));
  if (lines.length > SHOWN_PROBLEMS) query.set("more", String(lines.length - SHOWN_PROBLEMS));
  return query.toString();
}

/** Reads problemsQuery back; anything it did not write is ignored (a tampered address shows no problem). */
export function readProblemsQuery(query: URLSearchParams): { fields: Array<"addresses" | "validDays">; tooMany: boolean; lines: AddressProblem[]; more: number } {
  const invalid = query.getAll("invalid");
  const lines: AddressProblem[] = [];
  for (const part of (query.get("lines") ?? "").split("~").slice(0, SHOWN_PROBLEMS)) {
    const match = /^([1-9]\d{0,5})\.([a-z-]+)$/.exec(part);
    const problem = PROBLEM_KINDS.find((kind) => kind === match?.[2]);
    if (match && problem) lines.push({ line: Number(match[1]), problem });
  }
  const more = Number(query.get("more") ?? "0");
  return {
    fields: (["addresses", "validDays"] as const).filter((field) => invalid.includes(field)),
    tooMany: invalid.includes("tooMany"),
    lines,
    more: Number.isInteger(more) && more > 0 && more <= MAX_LETTER_ADDRESSES ? more : 0,
  };
}
