// The server side of a kind's manifest: what only the server runs for it (jobs, personal data,
// the demo seed). Declared in app/modules/<kind>/<kind>.kind.server.ts, registered by the
// composition root app/kinds.server.ts, read here by the shared code.
import type { CouncilDecision } from "#db/schema/council.constants";
import type { TopicKind } from "#db/schema/topics";
import type { MessageKey } from "~/i18n";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import { supportFastRoute } from "~/modules/support/support.answer.server";
import type { SupportPolicy } from "~/modules/support/support.policy";
import { registerSettings, type SettingKey, type SettingsGroup } from "~/modules/settings/settings.schema";
import type { LeadTime } from "~/modules/transparency/transparency.constants";
import { registerFastRoute, type FastRoute } from "~/utils/http.server";
import type { DB, Tx } from "~/utils/db.server";
import type { Job } from "~/utils/jobs.server";
import type { Outcome } from "~/utils/refusal";
import { kindManifest, type KindManifest } from "./topics.kinds";
import type { OpenDataEntry } from "./topics.opendata.server";
import { keepPublicVersions } from "./topics.versions.server";

/** What the demo seed hands each kind: the moment, the demo accounts by role, the neighbourhoods. */
export interface KindSeedContext {
  now: Date;
  accounts: Record<"resident" | "resident2" | "clerk" | "councillor" | "admin", string>;
  neighbourhoodIds: Record<string, number>;
}

/**
 * Who hears of a topic's events: the people following it, its author, those who commented on it,
 * those who supported it (through the kind's `support` policy: a mailing in batches), and those
 * who took part in the kind's own ways (its `contributors`: amendments, stances).
 */
export type AudienceGroup = "followers" | "author" | "participants" | "supporters" | "contributors";

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
  /**
   * What it publishes as open data beside the shared columns (topics.opendata.server.ts): its own
   * lifecycle dates and thresholds for a page of its public, visible topics. Never a name.
   */
  openData: OpenDataEntry;
  /**
   * The rules the municipality sets for this kind (thresholds, windows): the admin settings page
   * shows them under the kind's heading, getSetting() reads them. Type the keys by declaration
   * merging into SettingsRegistry (see petitions.settings.server.ts). Server-only: no page's
   * browser code needs the schemas.
   */
  settings?: SettingsGroup;
  /** Its part of the demo municipality, on an empty database. */
  seed: (ctx: KindSeedContext) => void | Promise<void>;
  /**
   * Who hears of its events through the outcome service (outcomes.server.ts), unless an event names
   * its own audience; "supporters" are reached through its `support` policy's mailing.
   */
  audience: { hears: readonly AudienceGroup[] };
  /**
   * What residents support with one click (a petition's signatures), if anything: the support
   * module answers it alike on the fast path in front of Remix and through the kind's route.
   */
  // The subject and form types are the kind's own; the manifest only hands the policy on.
  support?: SupportPolicy<any, any>;
  /**
   * Hot form posts of its own that server.js answers in front of Remix (a vote's ballot), each
   * with a Remix route at the same URL giving the same answers (FastRoute in app/utils/http.server.ts).
   */
  fastRoutes?: readonly FastRoute[];
  /**
   * The parts of its topics that carry a thread of their own (a bylaw's articles), if any: the
   * shared comments attach to a part by its id, and the thread of a part lives on the part's page.
   */
  commentParts?: {
    exists(tx: DB | Tx, topicId: number, partId: number): boolean;
    /** The part's page, where its thread is shown and the comment forms send people back to. */
    path(topicId: number, partId: number): string;
  };
  /**
   * Account ids of people who took part in its own ways (amended, took a stance), for the audience
   * group "contributors"; a kind without such ways leaves it out.
   */
  contributors?: (tx: DB | Tx, topicId: number) => Iterable<string>;
  /** What the council does with its topics, if they ever await the council (see KindCouncilPart). */
  council?: KindCouncilPart;
  /**
   * The municipality's own deadlines for its lead times, as settings in days (the clerks decide on
   * a petition within `petitionModerationOverdueDays` of its submission): the transparency
   * dashboard counts what took longer, and what is still waiting past it.
   */
  deadlines?: Partial<Record<LeadTime, SettingKey>>;
}

/**
 * What the council does with a kind's topics (app/modules/council): which of them await the
 * council, and what the council's recorded decision does to the kind's own lifecycle. The council
 * module reads only this; it never names a kind.
 */
export interface KindCouncilPart {
  /**
   * The statuses in which a topic awaits the council (a petition past its debate threshold, a
   * proposal past its threshold, a bylaw whose consultation closed, a vote whose results are in):
   * it may be placed on an agenda and fills the councillors' briefing. Read through the index on
   * (kind, status), so they must be the statuses as written on the topic row.
   */
  awaitingIn: readonly string[];
  /**
   * The statuses a decision (the council's, or the kind's own answer) leaves a topic in: the
   * briefing's "decided" tab, with its outcome.
   */
  decidedIn: readonly string[];
  /**
   * What a recorded decision does to the topic's lifecycle, inside the decision's transaction
   * before the outcome is published: its status change (a petition is debated; a referred one
   * stays awaiting). Refuse (nothing is written) when its rules do not allow it now.
   */
  applyDecision: (tx: Tx, input: { topicId: number; decision: CouncilDecision; at: Date }) => Outcome<object, MessageKey>;
  /**
   * Told, inside the same transaction, when a topic is placed on a meeting's agenda (a petition
   * plans its debate for the meeting's date). The council module records the timeline event and
   * tells the audience; this must not tell anyone again.
   */
  placedOnAgenda?: (tx: Tx, input: { topicId: number; meetingAt: Date; at: Date }) => void;
  /** The admissibility note of each topic that has one (a proposal's), for the briefing; a map by topic id. */
  admissibilityNotes?: (topicIds: readonly number[]) => ReadonlyMap<number, string>;
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
  if (manifest.settings) registerSettings(manifest.settings);
  keepPublicVersions(manifest.kind, manifest.openData.sources);
  if (manifest.support) registerFastRoute(supportFastRoute(manifest.support));
  for (const route of manifest.fastRoutes ?? []) registerFastRoute(route);
}

export function kindServerManifest(kind: string): KindServerManifest & { client: KindManifest } {
  const manifest = kinds.get(kind);
  if (!manifest) throw new Error(`Topic kind ${kind} has no server manifest (app/kinds.server.ts)`);
  return { ...manifest, client: kindManifest(kind) };
}

export function registeredServerKinds(): KindServerManifest[] {
  return [...kinds.values()];
}
