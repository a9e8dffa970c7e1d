// The words the council's pages use for what they show of every kind, from the registered manifests.
import type { MessageKey } from "~/i18n";
import { registeredKinds } from "~/modules/topics/topics.kinds";

/** Each registered kind's label ("Petitie"), for the badges of the briefing and the dossier. */
export function kindLabels(): Record<string, MessageKey> {
  return Object.fromEntries(registeredKinds().map((k) => [k.kind, k.label]));
}
