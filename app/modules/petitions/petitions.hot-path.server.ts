// The one-click signature of a signed-in resident: POST /petitions/:id/sign.
//
// A viral petition is thousands of these a minute. Through Remix an action costs about a
// millisecond of routing and request conversion on top of the signature itself, so server.js
// answers this URL on a hot path in front of express and Remix, straight from the raw request
// (cookie header and form body), through answerResidentSignature. The route
// petitions.$id_.sign.tsx answers whatever the hot path passes on through the same function
// (signByResident), so both paths answer alike: every outcome is a redirect back to the petition
// with a message, or a 403/404. Signatures arriving together are committed together.
import { translator, type MessageKey, type Translate } from "~/i18n";
import { getUserByCookie } from "~/utils/auth.server";
import { parseForm, type FormFailure } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { toastCookie, type Toast } from "~/utils/toast.server";
import { ResidentPostcodeSignatureForm, ResidentSignatureForm } from "./petitions.schema";
import { findPetition, petitionResource } from "./petitions.server";
import { accountPostcode, signPetitionAsResidentTogether, type ResidentSignatureInput } from "./petitions.signing.server";

const SIGN_PATH = /^\/petitions\/([1-9]\d{0,15})\/sign$/;

/** The petition id when a path is a resident's signature, else null (cheap: no body, no database). */
export function signaturePathId(pathname: string): number | null {
  const match = SIGN_PATH.exec(pathname);
  return match ? Number(match[1]) : null;
}

/** What the server sends back: a status, and for a redirect where to and the message cookie. */
export interface SignatureAnswer {
  status: number;
  location?: string;
  setCookie?: string;
}

async function backWith(topicId: number, toast: Toast, status: number): Promise<SignatureAnswer> {
  return { status, location: `/petitions/${topicId}`, setCookie: await toastCookie(toast) };
}

/** The answer to a signature that counted (or had counted): back to the petition with a thank-you. */
export function signedAnswer(topicId: number, already: boolean): Promise<SignatureAnswer> {
  return backWith(topicId, { type: "success", message: already ? "petition.sign.already" : "petition.sign.thanks" }, 302);
}

/**
 * A resident's signature form, read for both ways in (the page's action and the hot path): one
 * click when the account has a postcode; otherwise the postcode and the residence declaration a
 * guest gives too.
 */
export function parseResidentSignature(
  userId: string,
  form: URLSearchParams | FormData,
  t: Translate,
): { ok: true; data: ResidentSignatureInput } | FormFailure {
  if (accountPostcode(userId)) return parseForm(form, ResidentSignatureForm, t);
  return parseForm(form, ResidentPostcodeSignatureForm, t);
}

/** A form that did not parse, as one message for the petition page (the hot path has no field to put it beside). */
function formProblem(failure: FormFailure, form: URLSearchParams | FormData): MessageKey {
  if (failure.errors.intent) return "form.unknownIntent";
  if (failure.errors.postcode) return String(form.get("postcode") ?? "").trim() ? "form.invalidPostcode" : "petition.error.postcodeRequired";
  if (failure.errors.residence) return "petition.error.declareResidence";
  return "form.unknownIntent";
}

/**
 * Signs for the resident whose session is in the cookie header. A visitor is sent to sign in (and
 * back); a petition they may not see is a 404; a refusal (closed, rate limited, unconfirmed
 * email...) comes back as a message on the petition.
 */
export async function answerResidentSignature(input: { topicId: number; cookie: string; form: URLSearchParams | FormData }): Promise<SignatureAnswer> {
  const { topicId } = input;
  const user = await getUserByCookie(input.cookie);
  const petition = findPetition(topicId);
  if (!petition || !can(user, "petition:read", petitionResource(petition))) return { status: 404 };
  if (!user) return { status: 303, location: `/sign-in?redirectTo=${encodeURIComponent(`/petitions/${topicId}`)}` };
  if (!can(user, "petition:sign", petitionResource(petition))) return { status: 403 };
  const parsed = parseResidentSignature(user.id, input.form, translator(user.locale));
  if (!parsed.ok) {
    // Who may not sign at all hears that first, not what their form lacked.
    const message = user.blocked ? "petition.error.blocked" : !user.emailVerified ? "petition.error.confirmEmailFirst" : formProblem(parsed, input.form);
    return backWith(topicId, { type: "error", message }, 303);
  }
  const result = await signPetitionAsResidentTogether(user, petition.id, parsed.data);
  if (!result.ok) return backWith(topicId, { type: "error", message: result.reason }, 303);
  return signedAnswer(petition.id, result.already);
}

/** The same answer as a Fetch Response, for the Remix routes. */
export function answerResponse(answer: SignatureAnswer): Response {
  const headers = new Headers();
  if (answer.location) headers.set("Location", answer.location);
  if (answer.setCookie) headers.append("Set-Cookie", answer.setCookie);
  const body = answer.status === 404 ? "Not Found" : answer.status === 403 ? "Forbidden" : null;
  return new Response(body, { status: answer.status, headers });
}

/** The route's way in: the same signature from a Fetch Request. */
export async function signByResident(request: Request, topicId: number): Promise<Response> {
  const answer = await answerResidentSignature({ topicId, cookie: request.headers.get("Cookie") ?? "", form: await request.formData() });
  return answerResponse(answer);
}
