// Why a moderation action was refused, and the message each refusal shows (the shared Refusal of ~/utils/refusal).
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import type { BlockRefusal } from "./moderation.rules";

export type ModerationRefusal =
  | BlockRefusal
  | "target-not-found"
  | "user-not-found"
  | "own-content"
  | "already-hidden"
  | "blocked"
  | "decision-not-available"
  | "email-unverified";

export type ModerationResult<T extends object = object> = Outcome<T, ModerationRefusal>;

export const MODERATION_REFUSAL_MESSAGES: RefusalMessages<ModerationRefusal> = {
  "target-not-found": "moderation.error.targetNotFound",
  "user-not-found": "moderation.error.userNotFound",
  "own-content": "moderation.error.ownContent",
  "already-hidden": "moderation.error.alreadyHidden",
  blocked: "comment.error.blocked",
  "decision-not-available": "moderation.error.decisionNotAvailable",
  "email-unverified": "comment.verifyToTakePart",
  "protected-role": "moderation.error.protectedRole",
  self: "moderation.error.blockSelf",
  "already-blocked": "moderation.error.alreadyBlocked",
  "not-blocked": "moderation.error.notBlocked",
  "end-in-past": "moderation.error.endInPast",
};
