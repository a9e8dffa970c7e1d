// What the petition pages, the clerk's lists and the open data read. Nothing here writes.
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import {
  nextSteps,
  neighbourhoods,
  petitions,
  supportDailyCounts,
  supportNeighbourhoodCounts,
  signatures,
  topics,
  users,
  type SignatureStatus,
} from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage } from "~/utils/keyset.server";
import { idsOf, inPageOrder, topicListPage } from "~/modules/topics/topics.lists.server";
import { csvRows } from "~/utils/csv";
import { AWAITING_COUNCIL_STATES, listSegments, type ListFilter, type ListSort, type PetitionStatus } from "./petitions.rules";
import type { PetitionRecord } from "./petitions.server";

export function neighbourhoodOptions() {
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)).all();
}

/** Submitted petitions, oldest first, with their time in the queue. */
export function moderationQueue(now = new Date()) {
  const overdueDays = getSetting("petitionModerationOverdueDays");
  const rows = db
    .select({ id: topics.id, title: topics.title, submittedAt: topics.submittedAt, authorId: topics.authorId, authorName: users.displayName })
    .from(topics)
    .leftJoin(users, eq(users.id, topics.authorId))
    .where(and(eq(topics.kind, "petition"), eq(topics.status, "submitted")))
    .orderBy(asc(topics.submittedAt), asc(topics.id))
    .all();
  return rows.map((r) => {
    const days = r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / 86_400_000) : 0;
    return { ...r, daysInQueue: days, overdue: days > overdueDays };
  });
}

/** Petitions the council owes a response or a debate, longest waiting first. */
export function awaitingCouncil(now = new Date()) {
  const rows = db
    .select({
      id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount,
      hideText: petitions.hideText, responseRequestedAt: petitions.responseRequestedAt,
      debateRequestedAt: petitions.debateRequestedAt, debateScheduledFor: petitions.debateScheduledFor, respondedAt: petitions.respondedAt,
    })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.kind, "petition"), inArray(topics.status, [...AWAITING_COUNCIL_STATES]), eq(topics.hidden, false)))
    .orderBy(asc(petitions.responseRequestedAt), asc(topics.id))
    .all();
  return rows.map((r) => {
    const since = r.responseRequestedAt ?? r.debateRequestedAt;
    return { ...r, status: r.status as PetitionStatus, daysWaiting: since ? Math.floor((now.getTime() - since.getTime()) / 86_400_000) : 0 };
  });
}

/** The viewer's own signature on a petition, if any. */
export function findOwnSignature(userId: string, topicId: number) {
  return db
    .select({ id: signatures.id, status: signatures.status, showName: signatures.showName, confirmedAt: signatures.confirmedAt })
    .from(signatures)
    .where(and(eq(signatures.topicId, topicId), eq(signatures.userId, userId)))
    .get();
}

export type PetitionListItem = {
  id: number; title: string; summary: string; status: PetitionStatus; supportCount: number;
  closesAt: Date | null; closedAt: Date | null; publishedAt: Date | null; hideText: boolean; responseThreshold: number | null;
};

const PAGE_SIZE = 20;
const LIST_ORDER = { signatures: "support", newest: "latest", closing: "closing" } as const;

/** The public list: one view of the states, sorted and paged by key; hidden petitions never appear. */
export function listPetitions(query: { status: ListFilter; sort: ListSort; cursor: PageCursor | null; q: string }) {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const page = topicListPage({
    kind: "petition",
    segments: listSegments(query.status),
    order: LIST_ORDER[query.sort],
    cursor: query.cursor,
    size: PAGE_SIZE,
    where: pattern ? sql`${topics.title} LIKE ${pattern} ESCAPE '\\'` : undefined,
  });
  const rows = page.ids.length
    ? (db
        .select({
          id: topics.id, title: topics.title, summary: topics.summary, status: topics.status, supportCount: topics.supportCount,
          closesAt: topics.closesAt, closedAt: topics.closedAt, publishedAt: topics.publishedAt,
          hideText: petitions.hideText, responseThreshold: petitions.responseThreshold,
        })
        .from(topics)
        .innerJoin(petitions, eq(petitions.topicId, topics.id))
        .where(idsOf(page.ids))
        .all() as PetitionListItem[])
    : [];
  return { items: inPageOrder(page.ids, rows), total: page.total, more: page.more, next: page.next, prev: page.prev };
}

export const MINE_PAGE_SIZE = 25;
export const MINE_KEY_TYPES = ["number", "number"] as const;
export type MyPetitionsView = "authored" | "signed";

/**
 * The petitions a person started (drafts included) and the ones they signed with their account,
 * newest first, each list a keyed page (a resident may have signed thousands). Without a view the
 * page shows the first page of both; with one, that list alone, paged by its cursor.
 */
export function listMyPetitions(userId: string, options: { view: MyPetitionsView | null; cursor: PageCursor | null }) {
  const cursorOf = (view: MyPetitionsView) => (options.view === view ? options.cursor : null);
  const wanted = (view: MyPetitionsView) => options.view === null || options.view === view;
  return {
    authored: wanted("authored") ? authoredPage(userId, cursorOf("authored")) : null,
    signed: wanted("signed") ? signedPage(userId, cursorOf("signed")) : null,
  };
}

function authoredPage(userId: string, cursor: PageCursor | null) {
  // topics_author_kind_idx: (author, kind, created_at, rowid) reads the page and nothing before it.
  const order = { columns: [topics.createdAt, topics.id], descending: true };
  const rows = db
    .select({ id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount, createdAt: topics.createdAt, hideText: petitions.hideText, withheldTitle: petitions.withheldTitle, rejectionCode: petitions.rejectionCode })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.authorId, userId), eq(topics.kind, "petition"), keysetCondition(order, cursor)))
    .orderBy(...keysetOrderBy(order, cursor))
    .limit(MINE_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(rows, MINE_PAGE_SIZE, cursor, (r) => [r.createdAt.getTime(), r.id]);
  // The author's own list shows their own title, also when it is withheld from the public.
  const items = page.rows.map(({ withheldTitle, ...r }) => ({ ...r, title: r.hideText ? (withheldTitle ?? r.title) : r.title, status: r.status as PetitionStatus }));
  return { items, next: page.next, prev: page.prev };
}

function signedPage(userId: string, cursor: PageCursor | null) {
  // signatures_user_signed_idx: (user, status, confirmed_at, rowid), the same way.
  const order = { columns: [signatures.confirmedAt, signatures.id], descending: true };
  const rows = db
    .select({ signatureId: signatures.id, id: topics.id, title: topics.title, status: topics.status, signedAt: signatures.confirmedAt, hideText: petitions.hideText, withheldTitle: petitions.withheldTitle, authorId: topics.authorId })
    .from(signatures)
    .innerJoin(topics, eq(topics.id, signatures.topicId))
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(signatures.userId, userId), eq(signatures.status, "confirmed"), eq(topics.hidden, false), keysetCondition(order, cursor)))
    .orderBy(...keysetOrderBy(order, cursor))
    .limit(MINE_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(rows, MINE_PAGE_SIZE, cursor, (r) => [r.signedAt?.getTime() ?? 0, r.signatureId]);
  // A withheld text stays withheld here, unless it is the person's own petition.
  const items = page.rows.map(({ signatureId: _, authorId, withheldTitle, ...r }) => {
    const own = authorId === userId;
    return { ...r, title: own && r.hideText ? (withheldTitle ?? r.title) : r.title, withheld: r.hideText && !own, status: r.status as PetitionStatus };
  });
  return { items, next: page.next, prev: page.prev };
}

/** Confirmed signatures per day (only days that had any). */
export function signaturesOverTime(topicId: number) {
  return db
    .select({ day: supportDailyCounts.day, count: supportDailyCounts.count })
    .from(supportDailyCounts)
    .where(eq(supportDailyCounts.topicId, topicId))
    .orderBy(asc(supportDailyCounts.day))
    .all();
}

export function signaturesByNeighbourhood(topicId: number) {
  return db
    .select({ neighbourhoodId: supportNeighbourhoodCounts.neighbourhoodId, name: neighbourhoods.name, count: supportNeighbourhoodCounts.count })
    .from(supportNeighbourhoodCounts)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, supportNeighbourhoodCounts.neighbourhoodId))
    .where(and(eq(supportNeighbourhoodCounts.topicId, topicId), gt(supportNeighbourhoodCounts.count, 0)))
    .orderBy(desc(supportNeighbourhoodCounts.count))
    .all();
}

export const NAMES_PAGE_SIZE = 25;

export const NAMES_KEY_TYPES = ["number", "number"] as const;

/**
 * A page of the names of signers who chose to show them, newest first, read by key
 * (signatures_public_names_idx, then the row id): the thousandth page of a petition with a million
 * signatures reads its 25 rows, not the 25,000 before them.
 */
export function publicSignerNames(topicId: number, cursor: PageCursor | null) {
  const order = { columns: [signatures.confirmedAt, signatures.id], descending: true };
  const rows = db
    .select({ id: signatures.id, name: signatures.name, confirmedAt: signatures.confirmedAt })
    .from(signatures)
    .where(and(eq(signatures.topicId, topicId), eq(signatures.showName, true), eq(signatures.status, "confirmed" satisfies SignatureStatus), keysetCondition(order, cursor)))
    .orderBy(...keysetOrderBy(order, cursor))
    .limit(NAMES_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(rows, NAMES_PAGE_SIZE, cursor, (r) => [r.confirmedAt?.getTime() ?? 0, r.id]);
  return { names: page.rows.filter((r) => r.name), next: page.next, prev: page.prev };
}

/** The small count endpoint's answer. */
export function petitionCount(topicId: number) {
  const row = db
    .select({ id: topics.id, count: topics.supportCount, status: topics.status, updatedAt: topics.updatedAt, isPublic: topics.isPublic, hidden: topics.hidden, authorId: topics.authorId })
    .from(topics)
    .where(and(eq(topics.id, topicId), eq(topics.kind, "petition")))
    .get();
  return row;
}

/** Open data for one petition: no personal data, only dates, status and counts. */
export function petitionOpenData(p: PetitionRecord) {
  return {
    id: p.id,
    title: p.hideText ? null : p.title,
    status: p.status,
    rejectionCode: p.rejectionCode,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    closesAt: p.closesAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    responseThreshold: p.responseThreshold,
    debateThreshold: p.debateThreshold,
    responseRequestedAt: p.responseRequestedAt?.toISOString() ?? null,
    debateRequestedAt: p.debateRequestedAt?.toISOString() ?? null,
    debateScheduledFor: p.debateScheduledFor?.toISOString() ?? null,
    respondedAt: p.respondedAt?.toISOString() ?? null,
    debatedAt: p.debatedAt?.toISOString() ?? null,
    signatureCount: p.supportCount,
    signaturesPerDay: signaturesOverTime(p.id).map((r) => ({ date: r.day, count: r.count })),
    signaturesPerNeighbourhood: signaturesByNeighbourhood(p.id).map((r) => ({ neighbourhood: r.name ?? null, count: r.count })),
  };
}

export function petitionOpenDataCsv(p: PetitionRecord, labels: { outside: string }): string {
  const data = petitionOpenData(p);
  const rows: Array<Array<string | number | null>> = [["section", "key", "value"]];
  rows.push(["petition", "id", data.id]);
  rows.push(["petition", "title", data.title]);
  rows.push(["petition", "status", data.status]);
  for (const key of ["publishedAt", "closesAt", "closedAt", "respondedAt", "debatedAt"] as const) rows.push(["petition", key, data[key]]);
  rows.push(["petition", "signatureCount", data.signatureCount]);
  for (const d of data.signaturesPerDay) rows.push(["day", d.date, d.count]);
  for (const n of data.signaturesPerNeighbourhood) rows.push(["neighbourhood", n.neighbourhood ?? labels.outside, n.count]);
  return csvRows(rows);
}

/** The next steps of a petition, for the clerk's page. */
export function listPetitionNextSteps(topicId: number) {
  return db.select().from(nextSteps).where(eq(nextSteps.topicId, topicId)).orderBy(asc(nextSteps.dueAt), asc(nextSteps.id)).all();
}
