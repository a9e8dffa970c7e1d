// Every petition event that reaches all signers (the council's response and debate outcome, the
// debate scheduled, a threshold reached, a next step added or done, the close, a rejection after
// publication) goes out through the support module's resumable mailing
// (~/modules/support/support.mailings.server.ts): one row in the event's transaction, then a job
// tells the signers in batches. Here only what is the petition's: its link and its dedupe keys.
import type { MessageKey } from "~/i18n";
import { startSupporterMailing, supportMailingKey } from "~/modules/support/support.mailings.server";
import type { Tx } from "~/utils/db.server";
import { link, type PetitionRecord } from "./petitions.server";
import { petitionMailingWords, petitionSigners } from "./petitions.supporters.server";

/**
 * The dedupe key of an event: "response" on petition 12 is "petition-response:12", and
 * "next-step-added:7" is "petition-next-step-added:12:7". Each person's email is this plus
 * ":<userId>" (or ":sig-<id>" for a guest), so the notice's own mail and the outcome email are one.
 */
export function mailingKey(topicId: number, eventKey: string): string {
  return supportMailingKey(petitionMailingWords.keyPrefix, topicId, eventKey);
}

export interface SignerEvent {
  /** Unique per petition: "response", "debate", "closed", "next-step-added:<stepId>", ... */
  eventKey: string;
  type: MessageKey;
  data: Record<string, string | number>;
  /** "outcome" mails the outcome's full text to every signer; "notice" the short notice by preference. */
  email: "outcome" | "notice";
  outcomeId?: number;
  /** Who caused it: not told of their own act (still mailed an outcome they signed for). */
  actorId?: string | null;
  /** Others who hear of it in their own way (e.g. the petitioner told why it was rejected). */
  exclude?: string[];
  now: Date;
}

/**
 * In the event's transaction: records the mailing to every signer and tells the account holders
 * who did not sign (followers and the petitioner). A repeat of the same event records and tells
 * nothing; nothing about a hidden petition goes out.
 */
export function startSignerMailing(tx: Tx, p: Pick<PetitionRecord, "id" | "hidden" | "authorId">, event: SignerEvent): void {
  startSupporterMailing(tx, { supporters: petitionSigners, mailing: petitionMailingWords }, p, { ...event, link: link(p.id) });
}
