import { sql } from "drizzle-orm";
import { neighbourhoods, userRoles, users, type Role } from "#db/schema";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/auth.server";
import { canonicalEmail } from "~/utils/email-address";
import { logger } from "~/utils/logger.server";
import { seedCouncil } from "./seed/council";
import { seedDecidedProposal } from "./seed/decided-proposal";
import { seedHistory } from "./seed/history";
import { seedWebhooks } from "./seed/webhooks";
import { seedResidentVerification } from "~/modules/residents/residents.server";
import { registeredServerKinds, type KindSeedContext } from "~/modules/topics/topics.kinds.server";
import "~/kinds.server";

/** The password of every demo account (README, sign-in page in demo mode). */
export const DEMO_PASSWORD = "voorbeeldstad";

export const DEMO_ACCOUNTS: Array<{ id: string; email: string; name: string; roles: Role[] }> = [
  { id: "demo-resident", email: "bewoner@voorbeeldstad.example", name: "Anna de Vries", roles: ["resident"] },
  { id: "demo-resident-2", email: "jan@voorbeeldstad.example", name: "Jan Jansen", roles: ["resident"] },
  { id: "demo-clerk", email: "griffie@voorbeeldstad.example", name: "Gerda Griffier", roles: ["resident", "clerk"] },
  { id: "demo-councillor", email: "raadslid@voorbeeldstad.example", name: "Rachid Raadslid", roles: ["resident", "councillor"] },
  { id: "demo-admin", email: "beheer@voorbeeldstad.example", name: "Bram Beheerder", roles: ["admin"] },
];

/** Wijken of Voorbeeldstad as postcode ranges (4-digit numbers, inclusive). */
export const DEMO_NEIGHBOURHOODS = [
  { name: "Centrum", postcodeFrom: 9901, postcodeTo: 9905 },
  { name: "Noord", postcodeFrom: 9906, postcodeTo: 9910 },
  { name: "Oost", postcodeFrom: 9911, postcodeTo: 9915 },
  { name: "Zuid", postcodeFrom: 9916, postcodeTo: 9920 },
  { name: "West", postcodeFrom: 9921, postcodeTo: 9925 },
];

/** Ids of the demo accounts by their key ("resident", "clerk", ...), the neighbourhoods, the moment. */
export type SeedContext = KindSeedContext;

export async function seedDemo(now = new Date()): Promise<SeedContext> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const neighbourhoodIds: Record<string, number> = {};
  db.transaction((tx) => {
    for (const n of DEMO_NEIGHBOURHOODS) {
      const row = tx.insert(neighbourhoods).values(n).returning({ id: neighbourhoods.id }).get();
      neighbourhoodIds[n.name] = row.id;
    }
    for (const account of DEMO_ACCOUNTS) {
      tx.insert(users)
        .values({
          id: account.id,
          email: account.email,
          emailCanonical: canonicalEmail(account.email),
          displayName: account.name,
          passwordHash,
          locale: "nl",
          emailVerifiedAt: new Date(now.getTime() - 400 * 86_400_000),
          createdAt: new Date(now.getTime() - 400 * 86_400_000),
          postcode: "9903AB",
        })
        .run();
      for (const role of account.roles) tx.insert(userRoles).values({ userId: account.id, role }).run();
    }
  });
  const ctx: SeedContext = {
    now,
    accounts: { resident: "demo-resident", resident2: "demo-resident-2", clerk: "demo-clerk", councillor: "demo-councillor", admin: "demo-admin" },
    neighbourhoodIds,
  };
  seedResidentVerification(ctx);
  // Each kind seeds its own part, in registration order (app/kinds.server.ts).
  for (const kind of registeredServerKinds()) await kind.seed(ctx);
  await seedCouncil(ctx);
  await seedDecidedProposal(ctx);
  await seedHistory(ctx);
  seedWebhooks(ctx);
  return ctx;
}

/** Seeds the demo municipality when the database has no accounts yet. */
export async function seedIfEmpty(): Promise<boolean> {
  const row = db.select({ n: sql<number>`count(*)` }).from(users).get();
  if ((row?.n ?? 0) > 0) return false;
  const started = Date.now();
  await seedDemo();
  logger().info({ ms: Date.now() - started }, "seeded the demo municipality Gemeente Voorbeeldstad");
  return true;
}

// `npm run db:seed` (tsx db/seed.ts): seed an empty database by hand.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const seeded = await seedIfEmpty();
  console.log(seeded ? "Seeded Gemeente Voorbeeldstad." : "The database already has accounts; nothing seeded.");
}
