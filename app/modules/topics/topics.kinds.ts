// The kinds of topic, as the shared code sees them. Each kind declares itself once in a manifest
// (app/modules/<kind>/<kind>.kind.ts, Decidim's component manifest is the model); the composition
// root (app/kinds.ts) registers it here; the participation core asks here instead of naming a kind.
// Client-safe: a manifest holds words, paths and policies, never server code or table definitions.
import type { Stance } from "#db/schema/discussions.constants";
import type { TopicKind } from "#db/schema/topics.constants";
import type { MessageKey } from "~/i18n";
import type { ClosedReason } from "~/modules/participation/comments.rules";
import { registerPermissions, type Action, type Actor, type PermissionRule } from "~/utils/permissions";
import type { TopicResource } from "./topics.permissions";
import type { EventCatalogue } from "./timeline.events";

export interface KindManifest {
  kind: TopicKind;
  /** Where its pages live: the list at `path`, a topic at `${path}/${id}`. */
  path: string;
  /** What one is called ("Petitie"), for badges, titles and the audit log. */
  label: MessageKey;
  /** Its entry in the main navigation ("Petities"): the menu lists only the kinds that are registered. */
  navLabel: MessageKey;
  /** The kind's permission rules; registered with can() together with the kind. */
  permissions: Record<string, PermissionRule<never>>;
  /**
   * The kind's page for staff in the shell's menu: the first entry the person may open (a clerk
   * gets the queue, a councillor who is not a clerk the review list), or none.
   */
  staffNav: ReadonlyArray<{ to: string; label: MessageKey; permission: Action }>;
  comments: {
    /**
     * The stances offered with a top-level comment; none for an open question, and never both
     * "no position" and "neutral" (the form always offers "no position").
     */
    stances: readonly Stance[];
    /** Statuses in which the topic takes no new comments, and why (the conversation has ended). */
    closedIn: Readonly<Partial<Record<string, ClosedReason>>>;
  };
  /**
   * Adjusts the one read rule (topics.permissions.ts) for this kind: gets the person, the topic and
   * what the shared rule decided. Leave it out to use the shared rule as it is.
   */
  visibility?: (actor: Actor | null, topic: TopicResource, shared: boolean) => boolean;
  /**
   * Its own timeline event types, beside the shared ones (timeline.events.ts): the outcome service
   * records nothing else for a topic of this kind. Declare them with `event<Payload>({ ... })`.
   */
  events: EventCatalogue;
  home: {
    /** Public statuses that are no news on the home page (a petition the clerks turned down). */
    notNews: readonly string[];
    /** The one figure its card shows, from the topic's denormalised counters. */
    metric: { counter: "supportCount" | "commentCount"; label: MessageKey };
  };
}

const kinds = new Map<string, KindManifest>();

/**
 * Registers a kind (the composition root does, once per process; a test may add a throwaway kind
 * of its own). Registering the same manifest again is a no-op.
 */
export function registerKind(manifest: KindManifest): void {
  const known = kinds.get(manifest.kind);
  if (known === manifest) return;
  if (known) throw new Error(`Topic kind ${manifest.kind} is registered twice`);
  kinds.set(manifest.kind, manifest);
  registerPermissions(manifest.permissions);
}

/** The manifest of a registered kind; anything else is a programming error. */
export function kindManifest(kind: string): KindManifest {
  const manifest = kinds.get(kind);
  if (!manifest) throw new Error(`Topic kind ${kind} is not registered (app/kinds.ts)`);
  return manifest;
}

export function isRegisteredKind(kind: string): kind is TopicKind {
  return kinds.has(kind);
}

/** Every registered kind, in registration order (the order of menus and filters). */
export function registeredKinds(): KindManifest[] {
  return [...kinds.values()];
}
