// Enum-like lists of the users schema: plain data, safe to import in browser code (no drizzle).

export const ROLES = ["resident", "clerk", "councillor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const EMAIL_PREFERENCES = ["immediate", "digest", "off"] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

export const EMAIL_TOKEN_PURPOSES = ["verify-email", "reset-password"] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

export type Locale = "nl" | "en";
