// Account, sign-in, profile and admin strings. Keys start with "account.", "auth." or "admin.".
export const nl = {
  "auth.signIn.title": "Inloggen",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "auth.signIn.title": "Sign in",
};
