// Enum-like lists of the discussions schema: plain data, safe to import in browser code (no drizzle).

export const STANCES = ["for", "against", "neutral"] as const;
export type Stance = (typeof STANCES)[number];

/**
 * Why a comment or topic is hidden. Unblocking a person restores only what the block hid;
 * a clerk's own decision ("moderation") or enough flags ("flags") stay until a clerk restores.
 */
export const HIDDEN_BY = ["moderation", "flags", "block"] as const;
export type HiddenBy = (typeof HIDDEN_BY)[number];

export const FLAG_TARGETS = ["topic", "comment"] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

export const FLAG_REASONS = ["spam", "offensive", "personal-data", "off-topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_RESOLUTIONS = ["hidden", "restored", "dismissed", "withdrawn"] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];

export const MODERATION_ACTIONS = [
  "hide",
  "auto-hide",
  "restore",
  "dismiss",
  "lock",
  "unlock",
  "close",
  "block",
  "unblock",
] as const;
export type ModerationActionType = (typeof MODERATION_ACTIONS)[number];
