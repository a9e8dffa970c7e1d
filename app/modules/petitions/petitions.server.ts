// The shared core of the petition use cases: the result and actor types, loading a petition with
// its side row, writing a state the rules allowed, and telling its audience. The use cases live
// beside it: petitions.lifecycle.server.ts (drafting to the council's answer), petitions.signing.server.ts,
// petitions.mailings.server.ts (every event that reaches all signers, in batches), petitions.queries.server.ts (pages and data).
import { and, eq, sql } from "drizzle-orm";
import { petitions, topics, userRoles } from "#db/schema";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { refuse, type Outcome, type Refusal } from "~/utils/refusal";
import type { PetitionResource } from "./petitions.permissions";
import { isPetitionStatus, type PetitionState, type PetitionStatus, type RefusalReason } from "./petitions.rules";

// A petition's refusals are message keys: the shared Refusal with the reason as its own message.
export type Failure = Refusal;
export type Result<T extends object = object> = Outcome<T>;

export const fail = (reason: MessageKey, field?: string): Failure => refuse(reason, field);
export const refused = (reason: RefusalReason): Failure => fail(`petition.refused.${reason}`);

/** Who does something, as the commands need them (a SessionUser fits). */
export interface PetitionActor {
  id: string;
  roles: readonly string[];
  emailVerified: boolean;
  blocked: boolean;
}

const petitionColumns = {
  id: topics.id,
  title: topics.title,
  summary: topics.summary,
  body: topics.body,
  bodyHtml: topics.bodyHtml,
  authorId: topics.authorId,
  neighbourhoodId: topics.neighbourhoodId,
  status: topics.status,
  isPublic: topics.isPublic,
  hidden: topics.hidden,
  supportCount: topics.supportCount,
  followerCount: topics.followerCount,
  submittedAt: topics.submittedAt,
  publishedAt: topics.publishedAt,
  closesAt: topics.closesAt,
  closedAt: topics.closedAt,
  createdAt: topics.createdAt,
  updatedAt: topics.updatedAt,
  request: petitions.request,
  requestedClosesAt: petitions.requestedClosesAt,
  rejectionCode: petitions.rejectionCode,
  rejectionNote: petitions.rejectionNote,
  rejectedAt: petitions.rejectedAt,
  hideText: petitions.hideText,
  withheldTitle: petitions.withheldTitle,
  withheldRequest: petitions.withheldRequest,
  withheldBody: petitions.withheldBody,
  responseThreshold: petitions.responseThreshold,
  debateThreshold: petitions.debateThreshold,
  responseRequestedAt: petitions.responseRequestedAt,
  debateRequestedAt: petitions.debateRequestedAt,
  debateScheduledFor: petitions.debateScheduledFor,
  respondedAt: petitions.respondedAt,
  debatedAt: petitions.debatedAt,
  sponsorsRequired: petitions.sponsorsRequired,
  sponsorCount: petitions.sponsorCount,
  sponsorToken: petitions.sponsorToken,
};

function buildPetitionQuery() {
  return db
    .select(petitionColumns)
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.id, sql.placeholder("id")), eq(topics.kind, "petition")))
    .prepare();
}
// Prepared once: the busiest query of the busiest page, and of every signature. A prepared
// statement runs on the one connection, so inside a transaction it sees that transaction's writes.
let petitionQuery: ReturnType<typeof buildPetitionQuery> | undefined;

function selectPetitionRow(topicId: number) {
  petitionQuery ??= buildPetitionQuery();
  return petitionQuery.get({ id: topicId });
}

export type PetitionRecord = Omit<NonNullable<ReturnType<typeof selectPetitionRow>>, "status"> & { status: PetitionStatus };

/** One petition with its side row, or undefined (also for a topic of another kind). */
export function findPetition(topicId: number): PetitionRecord | undefined {
  const row = selectPetitionRow(topicId);
  if (!row || !isPetitionStatus(row.status)) return undefined;
  return row as PetitionRecord;
}

export function petitionResource(p: Pick<PetitionRecord, "authorId" | "status" | "isPublic" | "hidden">): PetitionResource {
  return { authorId: p.authorId, status: p.status, isPublic: p.isPublic, hidden: p.hidden };
}

export function stateOf(p: PetitionRecord): PetitionState {
  return {
    status: p.status,
    closesAt: p.closesAt,
    closedAt: p.closedAt,
    responseRequestedAt: p.responseRequestedAt,
    debateRequestedAt: p.debateRequestedAt,
    debateScheduledFor: p.debateScheduledFor,
    respondedAt: p.respondedAt,
    debatedAt: p.debatedAt,
    sponsorsRequired: p.sponsorsRequired,
    sponsorCount: p.sponsorCount,
  };
}

/** Writes a new state: the shared topic columns and the petition's milestone columns. */
export function writeState(tx: Tx, topicId: number, next: PetitionState, now: Date, extra: Partial<typeof topics.$inferInsert> = {}): void {
  tx.update(topics)
    .set({ status: next.status, closesAt: next.closesAt, closedAt: next.closedAt, updatedAt: now, ...extra })
    .where(eq(topics.id, topicId))
    .run();
  tx.update(petitions)
    .set({
      responseRequestedAt: next.responseRequestedAt,
      debateRequestedAt: next.debateRequestedAt,
      debateScheduledFor: next.debateScheduledFor,
      respondedAt: next.respondedAt,
      debatedAt: next.debatedAt,
      sponsorsRequired: next.sponsorsRequired,
      sponsorCount: next.sponsorCount,
    })
    .where(eq(petitions.topicId, topicId))
    .run();
}

export const link = (topicId: number) => `/petitions/${topicId}`;
export const absolute = (path: string) => `${env().BASE_URL}${path}`;

/** The title people may see: a withheld petition shows a neutral one. */
export function publicTitle(p: Pick<PetitionRecord, "id" | "title" | "hideText">, locale: Locale = "nl"): string {
  return p.hideText ? translator(locale)("petition.withheld.title", { id: p.id }) : p.title;
}

/**
 * The petition's own text, also when it was withheld at rejection (kept off the topic row then):
 * for the clerks and for its author, never for anyone else.
 */
export function ownText(p: Pick<PetitionRecord, "title" | "request" | "bodyHtml" | "hideText" | "withheldTitle" | "withheldRequest" | "withheldBody">) {
  if (!p.hideText) return { title: p.title, request: p.request, bodyHtml: p.bodyHtml };
  return { title: p.withheldTitle ?? p.title, request: p.withheldRequest ?? "", bodyHtml: renderMarkdown(p.withheldBody ?? "") };
}

export function clerkIds(tx: DB | Tx): string[] {
  return tx.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "clerk")).all().map((r) => r.id);
}

/** notify(), except that nothing about a hidden petition goes out. */
export function tell(tx: Tx, p: Pick<PetitionRecord, "id" | "hidden">, ids: Iterable<string>, type: MessageKey, data: Record<string, string | number>, eventKey?: string) {
  if (p.hidden) return 0;
  return notify(tx, ids, { type, topicId: p.id, data, link: link(p.id), eventKey });
}
