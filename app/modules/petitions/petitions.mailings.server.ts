// Every petition event that reaches all signers (the council's response and debate outcome, the
// debate scheduled, a threshold reached, a next step added or done, the close, a rejection after
// publication) is recorded by the outcome service (~/modules/topics/outcomes.server.ts), which
// starts the support module's resumable mailing (~/modules/support/support.mailings.server.ts):
// one row in the event's transaction, then a job tells the signers in batches. Here only what is
// the petition's: its dedupe keys.
import { supportMailingKey } from "~/modules/support/support.mailings.server";
import { petitionMailingWords } from "./petitions.supporters.server";

/**
 * The dedupe key of an event: "responded" on petition 12 is "petition-responded:12", and
 * "next-step-added:7" is "petition-next-step-added:12:7". Each person's email is this plus
 * ":<userId>" (or ":sig-<id>" for a guest), so the notice's own mail and the outcome email are one.
 */
export function mailingKey(topicId: number, eventKey: string): string {
  return supportMailingKey(petitionMailingWords.keyPrefix, topicId, eventKey);
}
