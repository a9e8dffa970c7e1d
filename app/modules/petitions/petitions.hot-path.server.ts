// The one-click signature of a signed-in resident: POST /petitions/:id/sign.
//
// A viral petition is thousands of these a minute. Through Remix an action costs about a
// millisecond of routing and request conversion on top of the signature itself, so server.js
// answers this URL on a hot path in front of express and Remix, through this same function: the
// route petitions.$id_.sign.tsx is the same answer for anything the hot path passes on. Every
// outcome is a redirect back to the petition with a message, so both paths answer alike.
import { translator } from "~/i18n";
import { getUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { clientIp } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ResidentSignatureForm } from "./petitions.schema";
import { findPetition, petitionResource } from "./petitions.server";
import { signPetitionAsResident } from "./petitions.signing.server";

const SIGN_PATH = /^\/petitions\/([1-9]\d{0,15})\/sign$/;

/** The petition id when a path is a resident's signature, else null (cheap: no body, no database). */
export function signaturePathId(pathname: string): number | null {
  const match = SIGN_PATH.exec(pathname);
  return match ? Number(match[1]) : null;
}

/** The answer to a signature that counted (or had counted): back to the petition with a thank-you. */
export function signedAnswer(topicId: number, already: boolean): Promise<Response> {
  return redirectWithToast(`/petitions/${topicId}`, { type: "success", message: already ? "petition.sign.already" : "petition.sign.thanks" });
}

/**
 * Signs for the signed-in resident. A visitor is sent to sign in (and back); a petition they may
 * not see is a 404; a refusal (closed, rate limited, unconfirmed email...) comes back as a message.
 */
export async function signByResident(request: Request, topicId: number): Promise<Response> {
  const back = `/petitions/${topicId}`;
  const user = await getUser(request);
  const petition = findPetition(topicId);
  if (!petition || !can(user, "petition:read", petitionResource(petition))) return new Response("Not Found", { status: 404 });
  if (!user) return Response.redirect(new URL(`/sign-in?redirectTo=${encodeURIComponent(back)}`, request.url).toString(), 303);
  if (!can(user, "petition:sign", petitionResource(petition))) return new Response("Forbidden", { status: 403 });
  const parsed = parseForm(await request.formData(), ResidentSignatureForm, translator(user.locale));
  if (!parsed.ok) return redirectWithToast(back, { type: "error", message: "form.unknownIntent" }, { status: 303 });
  const result = signPetitionAsResident(user, petition.id, { showName: parsed.data.showName, ip: clientIp(request) });
  if (!result.ok) return redirectWithToast(back, { type: "error", message: result.reason }, { status: 303 });
  return signedAnswer(petition.id, result.already);
}
