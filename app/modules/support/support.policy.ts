// What a kind declares to take support from residents (a petition's signatures first; agenda
// proposal support and amendment support or opposition next). The support module does the rest
// the same way for every kind: once per eligible person, a repeat is the same request and never
// counts against a rate limit, withdrawing while open, counters and thresholds in the support's
// own transaction, group commit, the fast path in front of Remix, resumable mailings to the
// supporters and anonymisation with the counts kept. This file names no kind.
import type { Locale, MessageKey, Translate } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import type { Tx } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import type { Outcome, Refusal } from "~/utils/refusal";
import type { SupportThreshold } from "./support.rules";

/** Why support was not taken: the shared Refusal, its reason the message key. */
export type SupportRefusal = Refusal;

/** The outcome of one press of the support button: counted now, or counted before (the same request). */
export type SupportOutcome = Outcome<{ already: boolean }>;

/**
 * One kind's support subject. `Subject` is the kind's own record (e.g. a petition), `Input` what
 * its support form carries once parsed.
 */
export interface SupportPolicy<Subject, Input> {
  /** The first path segment of the kind's pages ("/<segment>/:id"); support posts go to "/<segment>/:id/<action>". */
  segment: string;
  /** The last path segment of the one-click post, in the municipality's word for it ("sign", "support"). */
  action: string;
  find(id: number): Subject | undefined;
  /** Through can(): who may see the subject at all (others get a 404, not a hint it exists). */
  mayRead(user: SessionUser | null, subject: Subject): boolean;
  /** Through can(): who may support it (a signed-in person refused here gets a 403). */
  maySupport(user: SessionUser, subject: Subject): boolean;
  /** The form, read the same way on the page and on the fast path. */
  parse(user: SessionUser, form: URLSearchParams | FormData, t: Translate): { ok: true; data: Input } | FormFailure;
  /** A form that did not parse, as one message on the subject's page (the fast path has no field to put it beside). */
  formProblem(user: SessionUser, failure: FormFailure, form: URLSearchParams | FormData): MessageKey;
  /** Records the support, committed together with others arriving at the same moment. */
  supportTogether(user: SessionUser, subject: Subject, input: Input): Promise<SupportOutcome>;
  /** The toasts of a counted support and of a repeat. */
  messages: { counted: MessageKey; already: MessageKey };
  /**
   * Taking support back through the support module's answers (optional: a kind may offer it on its
   * own page instead): the same sign-in, 404 and 403 as supporting, then back with `withdrawn`.
   */
  withdrawal?: { withdraw(user: SessionUser, subject: Subject): SupportOutcome; withdrawn: MessageKey };
  /** Its thresholds and what reaching one does; the counting itself is the support module's. */
  thresholds: SupportThresholds<Subject>;
  /** Where its supporters are kept: mailings and anonymisation walk them through this. */
  supporters: SupporterStore;
  /** What a mailing to its supporters says beyond the notice itself. */
  mailing: SupportMailingWords;
  /** How long supporters' personal details are kept after the subject closed (the counts stay). */
  retention: { monthsAfterClose(): number };
}

/**
 * The thresholds of a subject. The support module counts, finds which threshold a new count
 * reaches for the first time (`newlyReached`), records "threshold-reached" on the public timeline
 * and asks the kind to move on (`reached`), all in the transaction that counted the support.
 */
export interface SupportThresholds<Subject> {
  /** The thresholds in force for this subject, each with whether it was reached before. */
  of(subject: Subject): ReadonlyArray<SupportThreshold>;
  /**
   * A threshold reached for the first time: the kind's status change and notices. The subject is
   * re-read by the kind when two are reached at once. Returns false when the kind's rules refuse
   * the move (then nothing is recorded on the timeline either).
   */
  reached(tx: Tx, subject: Subject, threshold: { name: string; at: number }, now: Date): boolean;
}

/** One supporter as a mailing reaches them: an account (userId) or a guest with an address. */
export interface Supporter {
  id: number;
  userId: string | null;
  email: string | null;
  name: string | null;
  locale: Locale;
}

/**
 * A kind's supporter rows (petitions: `signatures`, guests included; kinds without a table of
 * their own use the support module's `supports` through `topicSupporters`). Ids grow with every
 * new row, so a mailing can walk them with a cursor and stop at the last one of its moment.
 */
export interface SupporterStore {
  /** The highest supporter id of any topic (which bounds this topic's, and is one read of the rowid). */
  lastId(tx: Tx): number;
  /** Counted supporters of a topic with id in (after, upTo] who counted no later than countedBy, by id. */
  batch(tx: Tx, query: { topicId: number; after: number; upTo: number; countedBy: Date; limit: number }): Supporter[];
  /** Which of these accounts have a counted supporter row at most upTo (a mailing will reach them). */
  accountsAmong(tx: Tx, topicId: number, userIds: string[], upTo: number): Set<string>;
  /**
   * Erases what is personal in up to `limit` rows of a topic not yet anonymised, keeping what the
   * counts need (status, neighbourhood, dates). Returns how many rows it handled; fewer than
   * `limit` means the topic is done.
   */
  anonymiseBatch(tx: Tx, topicId: number, limit: number, now: Date): number;
}

/** What a mailing to the supporters says that the kind words itself. */
export interface SupportMailingWords {
  /** The prefix of its dedupe keys ("<prefix>-<event>:<topicId>"), stable so repeats stay one. */
  keyPrefix: string;
  /** The subject's title as a supporter in this language may see it, or undefined when it is gone. */
  title(topicId: number, locale: Locale): string | undefined;
  /** The email carrying an outcome's full text, by the outcome's type; a type without one is not mailed. */
  outcomeEmails: Partial<Record<string, { subject: MessageKey; intro: MessageKey; text: MessageKey; action: MessageKey }>>;
}

/** The page of a subject, where every answer to a support post leads back. */
export function subjectPath(policy: Pick<SupportPolicy<unknown, unknown>, "segment">, id: number): string {
  return `/${policy.segment}/${id}`;
}
