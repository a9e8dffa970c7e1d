// Petition signatures as a support subject (see ~/modules/support/support.policy.ts): what a
// resident's one-click signature needs from the petition module. The support module answers it
// on the fast path in front of Remix (POST /petitions/:id/sign), through the route
// petitions.$id_.sign.tsx and through the page's own form, all alike.
import type { MessageKey } from "~/i18n";
import type { SupportPolicy } from "~/modules/support/support.policy";
import { parseForm, type FormFailure } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { ResidentPostcodeSignatureForm, ResidentSignatureForm } from "./petitions.schema";
import { findPetition, petitionResource, type PetitionRecord } from "./petitions.server";
import { accountPostcode, petitionThresholds, signPetitionAsResidentTogether, type ResidentSignatureInput } from "./petitions.signing.server";
import { petitionMailingWords, petitionSignatureRetention, petitionSigners } from "./petitions.supporters.server";

/** A form that did not parse, as one message for the petition page. */
function formProblem(failure: FormFailure, form: URLSearchParams | FormData): MessageKey {
  if (failure.errors.intent) return "form.unknownIntent";
  if (failure.errors.postcode) return String(form.get("postcode") ?? "").trim() ? "form.invalidPostcode" : "petition.error.postcodeRequired";
  if (failure.errors.residence) return "petition.error.declareResidence";
  return "form.unknownIntent";
}

export const petitionSignatures: SupportPolicy<PetitionRecord, ResidentSignatureInput> = {
  segment: "petitions",
  action: "sign",
  find: findPetition,
  mayRead: (user, p) => can(user, "petition:read", petitionResource(p)),
  maySupport: (user, p) => can(user, "petition:sign", petitionResource(p)),
  // One click when the account has a postcode; otherwise the postcode and residence declaration a guest gives too.
  parse: (user, form, t) => (accountPostcode(user.id) ? parseForm(form, ResidentSignatureForm, t) : parseForm(form, ResidentPostcodeSignatureForm, t)),
  // Who may not sign at all hears that first, not what their form lacked.
  formProblem: (user, failure, form) =>
    user.blocked ? "petition.error.blocked" : !user.emailVerified ? "petition.error.confirmEmailFirst" : formProblem(failure, form),
  supportTogether: (user, p, input) => signPetitionAsResidentTogether(user, p.id, input),
  messages: { counted: "petition.sign.thanks", already: "petition.sign.already" },
  thresholds: petitionThresholds,
  supporters: petitionSigners,
  mailing: petitionMailingWords,
  retention: petitionSignatureRetention,
};
