// The server side of a kind's manifest: what only the server runs for it (jobs, personal data,
// the demo seed). Declared in app/modules/<kind>/<kind>.kind.server.ts, registered by the
// composition root app/kinds.server.ts, read here by the shared code.
import type { TopicKind } from "#db/schema/topics";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import type { SupportPolicy } from "~/modules/support/support.policy";
import type { Job } from "~/utils/jobs.server";
import type { Tx } from "~/utils/db.server";
import type { MessageKey } from "~/i18n";
import { kindManifest, type KindManifest } from "./topics.kinds";

/** What the demo seed hands each kind: the moment, the demo accounts by role, the neighbourhoods. */
export interface KindSeedContext {
  now: Date;
  accounts: Record<"resident" | "resident2" | "clerk" | "councillor" | "admin", string>;
  neighbourhoodIds: Record<string, number>;
}

/**
 * Who hears of a topic's events: the people following it, its author, those who commented on it,
 * and those who supported it (a petition's signers; the kind's `audience.supporters` reaches them).
 */
export type AudienceGroup = "followers" | "author" | "participants" | "supporters";

/** An event on its way to a kind's supporters, as the outcome service hands it on. */
export interface SupporterNotice {
  /** The event's identity within its topic ("responded", "next-step-added:7"): one fan-out per event. */
  eventKey: string;
  type: MessageKey;
  data: Record<string, string | number>;
  /** "outcome" mails the outcome's full text to every supporter; "notice" the short notice by preference. */
  email: "outcome" | "notice";
  outcomeId?: number;
  /** Whose act it is: not told of their own act. */
  actorId: string | null;
  /** People told in another way (the petitioner told why it was rejected). */
  exclude: readonly string[];
  at: Date;
}

/**
 * How a kind reaches its supporters, who may be many more than a transaction should tell at once:
 * `start` records the fan-out in the event's transaction (a job then tells them in batches, guests
 * by email) and answers which of the given accounts it will reach, so they are not told twice.
 */
export interface SupporterMailing {
  start(tx: Tx, topic: { id: number; hidden: boolean; authorId: string | null }, notice: SupporterNotice, accounts: readonly string[]): ReadonlySet<string>;
}

export interface KindServerManifest {
  kind: TopicKind;
  /** Its background jobs (closing at a deadline, anonymising, reminders); the runner keeps their state. */
  jobs: readonly Job[];
  /** What it keeps about a person: collected for download-my-data, erased on account deletion. */
  personalData: PersonalDataSource;
  /** Its part of the demo municipality, on an empty database. */
  seed: (ctx: KindSeedContext) => void | Promise<void>;
  /**
   * Who hears of its events through the outcome service (outcomes.server.ts), unless an event names
   * its own audience; with "supporters", `supporters` reaches them.
   */
  audience: { hears: readonly AudienceGroup[]; supporters?: SupporterMailing };
  /**
   * What residents support with one click (a petition's signatures), if anything: the support
   * module answers it alike on the fast path in front of Remix and through the kind's route.
   */
  // The subject and form types are the kind's own; the manifest only hands the policy on.
  support?: SupportPolicy<any, any>;
}

const kinds = new Map<string, KindServerManifest>();

/** Registers the server part of a kind whose client-safe manifest is registered already. */
export function registerKindServer(manifest: KindServerManifest): void {
  kindManifest(manifest.kind);
  const known = kinds.get(manifest.kind);
  if (known === manifest) return;
  if (known) throw new Error(`Topic kind ${manifest.kind} is registered twice`);
  kinds.set(manifest.kind, manifest);
}

export function kindServerManifest(kind: string): KindServerManifest & { client: KindManifest } {
  const manifest = kinds.get(kind);
  if (!manifest) throw new Error(`Topic kind ${kind} has no server manifest (app/kinds.server.ts)`);
  return { ...manifest, client: kindManifest(kind) };
}

export function registeredServerKinds(): KindServerManifest[] {
  return [...kinds.values()];
}
