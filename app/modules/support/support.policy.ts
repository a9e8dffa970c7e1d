// What a kind declares to take support from residents (a petition's signatures first; agenda
// proposal support and amendment support or opposition next). The support module does the rest
// the same way for every kind: once per eligible person, a repeat is the same request and never
// counts against a rate limit, withdrawing while open, counters and thresholds in the support's
// own transaction, group commit, the fast path in front of Remix, resumable mailings to the
// supporters and anonymisation with the counts kept. This file names no kind.
import type { MessageKey, Translate } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import type { FormFailure } from "~/utils/forms.server";

/** Why support was not taken; `field` when the message belongs beside one field of the form. */
export interface SupportRefusal {
  ok: false;
  reason: MessageKey;
  field?: string;
}

/** The outcome of one press of the support button: counted now, or counted before (the same request). */
export type SupportOutcome = { ok: true; already: boolean } | SupportRefusal;

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
}

/** The page of a subject, where every answer to a support post leads back. */
export function subjectPath(policy: Pick<SupportPolicy<unknown, unknown>, "segment">, id: number): string {
  return `/${policy.segment}/${id}`;
}
