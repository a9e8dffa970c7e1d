import type { EmailPreference } from "#db/schema/users.constants";

// Limits and choices the account pages show; kept apart from the zod schemas so pages stay light.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 80;
export const EMAIL_MAX = 254;

export const LOCALE_VALUES = ["nl", "en"] as const;
export const EMAIL_PREFERENCE_VALUES = ["immediate", "digest", "off"] as const satisfies readonly EmailPreference[];
