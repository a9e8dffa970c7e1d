// The server side of a kind's manifest: what only the server runs for it (jobs, personal data,
// the demo seed). Declared in app/modules/<kind>/<kind>.kind.server.ts, registered by the
// composition root app/kinds.server.ts, read here by the shared code.
import type { TopicKind } from "#db/schema/topics";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import { supportFastRoute } from "~/modules/support/support.answer.server";
import type { SupportPolicy } from "~/modules/support/support.policy";
import { registerFastRoute } from "~/utils/http.server";
import type { Job } from "~/utils/jobs.server";
import { kindManifest, type KindManifest } from "./topics.kinds";

/** What the demo seed hands each kind: the moment, the demo accounts by role, the neighbourhoods. */
export interface KindSeedContext {
  now: Date;
  accounts: Record<"resident" | "resident2" | "clerk" | "councillor" | "admin", string>;
  neighbourhoodIds: Record<string, number>;
}

export interface KindServerManifest {
  kind: TopicKind;
  /** Its background jobs (closing at a deadline, anonymising, reminders); the runner keeps their state. */
  jobs: readonly Job[];
  /**
   * What it keeps about a person: collected for download-my-data, erased in batches after the
   * account is deleted. Its topics themselves are not its to erase: every kind's stay, without
   * their author (topics.privacy.server.ts).
   */
  personalData: PersonalDataSource;
  /** Its part of the demo municipality, on an empty database. */
  seed: (ctx: KindSeedContext) => void | Promise<void>;
  /**
   * What residents support with one click (a petition's signatures), if anything: the support
   * module answers it alike on the fast path in front of Remix and through the kind's route.
   */
  // The subject and form types are the kind's own; the manifest only hands the policy on.
  support?: SupportPolicy<any, any>;
}

const kinds = new Map<string, KindServerManifest>();

/**
 * Registers the server part of a kind whose client-safe manifest is registered already. A kind
 * that takes support gets its one-click post answered on server.js's fast path too.
 */
export function registerKindServer(manifest: KindServerManifest): void {
  kindManifest(manifest.kind);
  const known = kinds.get(manifest.kind);
  if (known === manifest) return;
  if (known) throw new Error(`Topic kind ${manifest.kind} is registered twice`);
  kinds.set(manifest.kind, manifest);
  if (manifest.support) registerFastRoute(supportFastRoute(manifest.support));
}

export function kindServerManifest(kind: string): KindServerManifest & { client: KindManifest } {
  const manifest = kinds.get(kind);
  if (!manifest) throw new Error(`Topic kind ${kind} has no server manifest (app/kinds.server.ts)`);
  return { ...manifest, client: kindManifest(kind) };
}

export function registeredServerKinds(): KindServerManifest[] {
  return [...kinds.values()];
}
