// Whether a person may write comments at all: the settings (verified email, account age) and blocks.
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { eligibilityRefusal, type EligibilityRefusal } from "./comments.rules";

function commentPolicy() {
  return {
    requireVerifiedEmail: getSetting("commentRequireVerifiedEmail"),
    minAccountAgeHours: getSetting("commentMinAccountAgeHours"),
  };
}

/** Whether this person may write comments at all right now (settings and blocks), and why not. */
export function commentEligibility(actor: Actor, now: Date = new Date()): EligibilityRefusal | null {
  const person = db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, actor.id)).get();
  if (!person) return "blocked";
  return eligibilityRefusal({ blocked: actor.blocked, emailVerified: actor.emailVerified, createdAt: person.createdAt }, commentPolicy(), now);
}
