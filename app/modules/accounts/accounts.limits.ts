import type { RateLimit } from "~/utils/rate-limit.server";

// Limits the shared RATE_LIMITS table has no entry for (resending the confirmation mail).
export const ACCOUNT_RATE_LIMITS = {
  resendPerAccount: { name: "resend:account", max: 3, windowSeconds: 60 * 60 },
  resendPerIp: { name: "resend:ip", max: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>;
