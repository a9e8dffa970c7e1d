import type { EmailTokenPurpose } from "#db/schema/users.constants";

// The rules of the emailed links: how long each kind lives and what state a link is in.

const HOUR = 60 * 60 * 1000;

export const TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  "verify-email": 24 * HOUR,
  "reset-password": 1 * HOUR,
};

export type TokenState = "valid" | "expired" | "used" | "unknown";
/** The states in which a link cannot be used; each has its own message (auth.link.*). */
export const UNUSABLE_TOKEN_STATES = ["expired", "used", "unknown"] as const satisfies readonly TokenState[];

export interface StoredToken {
  expiresAt: Date;
  usedAt: Date | null;
}

export function tokenExpiresAt(purpose: EmailTokenPurpose, issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS[purpose]);
}

/**
 * A link that was used says so even after it would have expired (the more helpful message);
 * a link is expired from the exact moment of its expiry.
 */
export function tokenState(token: StoredToken | null | undefined, now: Date): TokenState {
  if (!token) return "unknown";
  if (token.usedAt) return "used";
  if (now.getTime() >= token.expiresAt.getTime()) return "expired";
  return "valid";
}

export const isUsable = (token: StoredToken | null | undefined, now: Date): boolean => tokenState(token, now) === "valid";
