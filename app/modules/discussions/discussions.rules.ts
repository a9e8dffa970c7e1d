// The lifecycle of a discussion: opened with a question, closed by a clerk with a conclusion.
import type { Outcome } from "~/utils/refusal";

export const DISCUSSION_STATES = ["open", "closed"] as const;
export type DiscussionState = (typeof DISCUSSION_STATES)[number];

/** States a clerk can close from. */
export const CLOSABLE_STATES: readonly DiscussionState[] = ["open"];

export const TITLE_MIN = 10;
export const TITLE_MAX = 200;
export const CONTEXT_MAX = 10_000;
export const CONCLUSION_MAX = 10_000;

export const isDiscussionState = (value: string): value is DiscussionState =>
  (DISCUSSION_STATES as readonly string[]).includes(value);

export const isClosable = (status: string): boolean => (CLOSABLE_STATES as readonly string[]).includes(status);

export type DiscussionEvent = "close";

/** The one transition function: the next state, or a refusal naming why. */
export function transition(
  from: string,
  event: DiscussionEvent,
): Outcome<{ to: DiscussionState }, "not-closable" | "unknown-state"> {
  if (!isDiscussionState(from)) return { ok: false, reason: "unknown-state" };
  switch (event) {
    case "close":
      return isClosable(from) ? { ok: true, to: "closed" } : { ok: false, reason: "not-closable" };
  }
}
