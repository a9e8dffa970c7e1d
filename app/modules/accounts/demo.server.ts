import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "#db/seed";
import { env } from "~/utils/env.server";

/** The demo accounts for the sign-in page, only in demo mode. */
export function demoAccounts() {
  if (!env().DEMO) return null;
  return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ email, name, roles }) => ({ email, name, roles })) };
}
