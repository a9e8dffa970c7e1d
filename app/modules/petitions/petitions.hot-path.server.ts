// The one-click signature of a signed-in resident, answered before Remix's router.
//
// A viral petition is thousands of these a minute. Through Remix an action costs about a
// millisecond of routing and request handling on top of the signature itself, so server.js
// offers every document POST to /petitions/:id here first. Only the happy path is answered
// here, through the same permission checks, form schema and service function as the route's
// action; anything else (a guest, another intent, bad input, a refusal to render beside the
// form) returns null and Remix handles the request as usual.
import { translator } from "~/i18n";
import { getUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { clientIp } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ResidentSignatureForm } from "./petitions.schema";
import { findPetition, petitionResource } from "./petitions.server";
import { signPetitionAsResident } from "./petitions.signing.server";

const SIGN_PATH = /^\/petitions\/([1-9]\d{0,15})$/;

/** Whether a request might be a resident's signature (cheap: no body, no database). */
export function isSignatureRequest(method: string, pathname: string, search: string): boolean {
  return method === "POST" && search === "" && SIGN_PATH.test(pathname);
}

/** The answer to a signature that counted (or had counted): back to the petition with a thank-you. */
export function signedAnswer(topicId: number, already: boolean): Promise<Response> {
  return redirectWithToast(`/petitions/${topicId}`, { type: "success", message: already ? "petition.sign.already" : "petition.sign.thanks" });
}

export async function signByResident(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  const match = SIGN_PATH.exec(url.pathname);
  if (!match || url.search !== "" || !request.headers.get("Cookie")?.includes("inspraak_session=")) return null;
  const user = await getUser(request);
  if (!user || !user.emailVerified) return null;
  const petition = findPetition(Number(match[1]));
  if (!petition) return null;
  const resource = petitionResource(petition);
  if (!can(user, "petition:read", resource) || !can(user, "petition:sign", resource)) return null;
  const parsed = parseForm(await request.formData(), ResidentSignatureForm, translator(user.locale));
  if (!parsed.ok) return null;
  const result = signPetitionAsResident(user, petition.id, { showName: parsed.data.showName, ip: clientIp(request) });
  return result.ok ? signedAnswer(petition.id, result.already) : null;
}
