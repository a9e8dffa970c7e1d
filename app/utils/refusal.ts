// One refusal type for every use case (petitions, discussions, comments, moderation, support) and
// one way from a refusal to its translated message. A domain's codes are either message keys
// already (petitions, support: the reason is the message) or words of its own with a table that
// gives each one its message (comments: "topic-closed" has the comment module's "topic closed"
// message), checked complete by TypeScript, so a new code without a message does not compile.
import type { MessageKey, Translate } from "~/i18n";

/** Why a use case did not do what was asked; `field` when the message belongs beside one field of the form. */
export interface Refusal<Code extends string = MessageKey> {
  ok: false;
  reason: Code;
  field?: string;
}

/** What a use case returns: done (with what it made), or refused with a reason. */
export type Outcome<T extends object = object, Code extends string = MessageKey> = ({ ok: true } & T) | Refusal<Code>;

/** A domain's refusal codes, each with the message it shows. */
export type RefusalMessages<Code extends string> = Readonly<Record<Code, MessageKey>>;

export function refuse<Code extends string>(reason: Code, field?: string): Refusal<Code> {
  return field ? { ok: false, reason, field } : { ok: false, reason };
}

/** The message of a refusal: the reason itself when it is a message key, else the domain's table's entry. */
export function refusalMessage(refusal: Refusal<MessageKey>): MessageKey;
export function refusalMessage<Code extends string>(refusal: Refusal<Code>, messages: RefusalMessages<Code>): MessageKey;
export function refusalMessage<Code extends string>(refusal: Refusal<Code>, messages?: RefusalMessages<Code>): MessageKey {
  return messages ? messages[refusal.reason] : (refusal.reason as unknown as MessageKey);
}

/** A refusal as a form's errors: its translated message beside its field, or on the form as a whole. */
export function refusalErrors(t: Translate, refusal: Refusal<MessageKey>): Record<string, string>;
export function refusalErrors<Code extends string>(t: Translate, refusal: Refusal<Code>, messages: RefusalMessages<Code>): Record<string, string>;
export function refusalErrors<Code extends string>(t: Translate, refusal: Refusal<Code>, messages?: RefusalMessages<Code>): Record<string, string> {
  const message = messages ? refusalMessage(refusal, messages) : refusalMessage(refusal as unknown as Refusal<MessageKey>);
  return { [refusal.field ?? "form"]: t(message) };
}
