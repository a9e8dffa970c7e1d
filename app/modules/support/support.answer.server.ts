// One press of a support button, answered the same way wherever it arrives: on the fast path in
// server.js (from the raw cookie header and body) and through the kind's Remix route or page
// action. Every outcome is a redirect back to the subject with a message, or a 403/404, so the
// two ways in cannot answer differently (issue 9 point 20: a 429 on one and a redirect on the other).
import { translator } from "~/i18n";
import { getUserByCookie, type SessionUser } from "~/utils/auth.server";
import { PLAIN_BODIES, type FastAnswer, type FastRoute } from "~/utils/http.server";
import { toastCookie, type Toast } from "~/utils/toast.server";
import { subjectPath, type SupportOutcome, type SupportPolicy } from "./support.policy";

async function backWith(path: string, toast: Toast, status: number): Promise<FastAnswer> {
  return { status, location: path, setCookie: await toastCookie(toast) };
}

/** The answer to an outcome: a thank-you (or "already") with 302, a refusal's message with 303. */
export function outcomeAnswer<S, I>(policy: SupportPolicy<S, I>, id: number, outcome: SupportOutcome): Promise<FastAnswer> {
  const path = subjectPath(policy, id);
  if (!outcome.ok) return backWith(path, { type: "error", message: outcome.reason }, 303);
  return backWith(path, { type: "success", message: outcome.already ? policy.messages.already : policy.messages.counted }, 302);
}

/**
 * Supports for the person already known (the page action has them): a visitor is sent to sign in
 * and back; a subject they may not see is a 404; one they may not support a 403.
 */
export async function answerSupportBy<S, I>(
  policy: SupportPolicy<S, I>,
  user: SessionUser | null,
  id: number,
  form: URLSearchParams | FormData,
): Promise<FastAnswer> {
  const subject = policy.find(id);
  if (!subject || !policy.mayRead(user, subject)) return { status: 404 };
  if (!user) return { status: 303, location: `/sign-in?redirectTo=${encodeURIComponent(subjectPath(policy, id))}` };
  if (!policy.maySupport(user, subject)) return { status: 403 };
  const parsed = policy.parse(user, form, translator(user.locale));
  if (!parsed.ok) return backWith(subjectPath(policy, id), { type: "error", message: policy.formProblem(user, parsed, form) }, 303);
  return outcomeAnswer(policy, id, await policy.supportTogether(user, subject, parsed.data));
}

/**
 * Withdraws for the person known, with the same answers as supporting: a visitor goes to sign in,
 * an unseen subject (or one whose kind offers no withdrawal here) is a 404, a person who may not
 * support it a 403; then back to the subject with "withdrawn", or the refusal (closed) as a message.
 * Withdrawing what does not count is the same request again, answered alike.
 */
export async function answerWithdrawalBy<S, I>(policy: SupportPolicy<S, I>, user: SessionUser | null, id: number): Promise<FastAnswer> {
  const subject = policy.withdrawal ? policy.find(id) : undefined;
  if (!policy.withdrawal || !subject || !policy.mayRead(user, subject)) return { status: 404 };
  if (!user) return { status: 303, location: `/sign-in?redirectTo=${encodeURIComponent(subjectPath(policy, id))}` };
  if (!policy.maySupport(user, subject)) return { status: 403 };
  const outcome = policy.withdrawal.withdraw(user, subject);
  if (!outcome.ok) return backWith(subjectPath(policy, id), { type: "error", message: outcome.reason }, 303);
  return backWith(subjectPath(policy, id), { type: "success", message: policy.withdrawal.withdrawn }, 302);
}

/** The Remix route's way in to withdrawing: the same answers from a Fetch Request. */
export async function withdrawalByRequest<S, I>(policy: SupportPolicy<S, I>, request: Request, id: number): Promise<Response> {
  return answerResponse(await answerWithdrawalBy(policy, await getUserByCookie(request.headers.get("Cookie") ?? ""), id));
}

/** Supports for the person whose session is in the cookie header (the fast path has no Request). */
export async function answerSupport<S, I>(policy: SupportPolicy<S, I>, input: { id: number; cookie: string; form: URLSearchParams | FormData }): Promise<FastAnswer> {
  return answerSupportBy(policy, await getUserByCookie(input.cookie), input.id, input.form);
}

/** The same answer as a Fetch Response, for Remix routes. */
export function answerResponse(answer: FastAnswer): Response {
  const headers = new Headers();
  if (answer.location) headers.set("Location", answer.location);
  if (answer.setCookie) headers.append("Set-Cookie", answer.setCookie);
  const body = answer.status === 404 || answer.status === 403 ? PLAIN_BODIES[answer.status] : null;
  if (body) headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(body, { status: answer.status, headers });
}

/** The Remix route's way in: the same support from a Fetch Request. */
export async function supportByRequest<S, I>(policy: SupportPolicy<S, I>, request: Request, id: number): Promise<Response> {
  return answerResponse(await answerSupport(policy, { id, cookie: request.headers.get("Cookie") ?? "", form: await request.formData() }));
}

/** The fast route of a support subject: "/<segment>/<id>/<action>", answered by answerSupport. */
export function supportFastRoute<S, I>(policy: SupportPolicy<S, I>): FastRoute {
  const prefix = `/${policy.segment}/`;
  const suffix = `/${policy.action}`;
  return {
    match(pathname) {
      if (!pathname.startsWith(prefix) || !pathname.endsWith(suffix)) return null;
      const id = pathname.slice(prefix.length, pathname.length - suffix.length);
      return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
    },
    answer: (input) => answerSupport(policy, input),
  };
}
