// What the pages of a draft bylaw read: the list, the whole text with its table of contents and
// activity per article, an article with its amendments, an amendment with its diff, the versions
// and their comparison, the clerk's proposal for the next version and the report. Each reads what
// its page shows: one version row (the articles are in it), the counters kept beside the rows.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { bylawAmendments, bylawArticles, bylawVersions, topics, users, type AmendmentState, type AmendmentType } from "#db/schema";
import { commentCountsByPart } from "~/modules/participation/comments.rows.server";
import { stancesOf } from "~/modules/support/support.stances.server";
import { idsOf, inPageOrder, topicListPage } from "~/modules/topics/topics.lists.server";
import { getOutcomeBlock, isFollowing, listTimeline } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { localDay } from "~/utils/local-time";
import { renderMarkdown } from "~/utils/markdown.server";
import { can, type Actor } from "~/utils/permissions";
import { compareVersions, wordDiff } from "./bylaws.diff";
import { BYLAW_STATES } from "#db/schema/bylaws.constants";
import { articlesInReadingOrder, consultationOpen, takesStances, UNDECIDED_AMENDMENT_STATES } from "./bylaws.rules";
import { currentVersion, findBylaw, versionProposal } from "./bylaws.server";

export const BYLAWS_PAGE_SIZE = 20;

/**
 * A version never changes once written, so what is made from it (its articles as HTML, a
 * comparison of two versions) is kept per process, for the versions read last: the page of a
 * bylaw in consultation renders no markdown and runs no diff per request.
 */
const made = new Map<string, unknown>();
const MADE_MAX = 200;
function once<T>(key: string, make: () => T): T {
  if (made.has(key)) return made.get(key) as T;
  const value = make();
  if (made.size >= MADE_MAX) made.delete(made.keys().next().value!);
  made.set(key, value);
  return value;
}

/**
 * A version's introduction and articles as sanitised HTML. Kept only once published: the draft
 * (version 1 before publication) is rewritten in place while the clerks edit it.
 */
function renderedVersion(version: { id: number; publishedAt: Date | null; introduction: string; articles: ReadonlyArray<{ articleId: number; body: string }> }) {
  const make = () => ({
    introduction: renderMarkdown(version.introduction),
    articles: new Map(version.articles.map((a) => [a.articleId, renderMarkdown(a.body)])),
  });
  return version.publishedAt ? once(`html:${version.id}`, make) : make();
}

/** Published bylaws, newest first, a page at a time by key. */
export function listBylaws(filter: { cursor: PageCursor | null }) {
  const page = topicListPage({
    kind: "bylaw",
    segments: BYLAW_STATES.filter((s) => s !== "draft").flatMap((status) => [{ status, closed: false }, { status, closed: true }]),
    order: "latest",
    cursor: filter.cursor,
    size: BYLAWS_PAGE_SIZE,
  });
  const rows = page.ids.length
    ? db
        .select({ id: topics.id, title: topics.title, summary: topics.summary, status: topics.status, commentCount: topics.commentCount, publishedAt: topics.publishedAt, closesAt: topics.closesAt })
        .from(topics)
        .where(idsOf(page.ids))
        .all()
    : [];
  return {
    rows: inPageOrder(page.ids, rows).map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null, closesAt: r.closesAt?.toISOString() ?? null })),
    next: page.next,
    prev: page.prev,
  };
}

/** Drafts not yet published: the clerks' list. */
export function listDrafts() {
  return db
    .select({ id: topics.id, title: topics.title, createdAt: topics.createdAt })
    .from(topics)
    .where(and(eq(topics.kind, "bylaw"), eq(topics.status, "draft")))
    .orderBy(desc(topics.id))
    .limit(50)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The bylaw, or a 404 for anyone who may not read it (a draft is not told apart from a missing one). */
export function readableBylawOr404(id: number, actor: Actor | null) {
  const bylaw = findBylaw(db, id);
  if (!bylaw || !can(actor, "bylaw:read", bylaw)) throw new Response("Not Found", { status: 404 });
  return bylaw;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The public page: the whole current text with a table of contents and each article's activity. */
export function getBylawPage(id: number, actor: Actor | null, now = new Date()) {
  const bylaw = readableBylawOr404(id, actor);
  const version = currentVersion(db, bylaw.id)!;
  const comments = commentCountsByPart(db, bylaw.id);
  const amendmentCounts = new Map(
    db.select({ id: bylawArticles.id, n: bylawArticles.amendmentCount }).from(bylawArticles).where(eq(bylawArticles.topicId, bylaw.id)).all().map((r) => [r.id, r.n]),
  );
  const versions = db
    .select({ number: bylawVersions.number, publishedAt: bylawVersions.publishedAt })
    .from(bylawVersions)
    .where(eq(bylawVersions.topicId, bylaw.id))
    .orderBy(asc(bylawVersions.number))
    .all();
  const waiting = db
    .select({ id: bylawAmendments.id })
    .from(bylawAmendments)
    .where(and(eq(bylawAmendments.topicId, bylaw.id), eq(bylawAmendments.status, "accepted")))
    .limit(1)
    .all().length;
  const mayDecide = can(actor, "bylaw:decide");
  const html = renderedVersion(version);
  return {
    id: bylaw.id,
    title: bylaw.title,
    summary: bylaw.summary,
    status: bylaw.status,
    hidden: bylaw.hidden,
    closesAt: iso(bylaw.closesAt),
    publishedAt: iso(bylaw.publishedAt),
    closedAt: iso(bylaw.closedAt),
    open: consultationOpen(bylaw, now),
    introductionHtml: html.introduction,
    version: { number: version.number, publishedAt: iso(version.publishedAt) },
    versions: versions.map((v) => ({ number: v.number, publishedAt: iso(v.publishedAt) })),
    articles: version.articles.map((a, i) => ({
      id: a.articleId,
      number: i + 1,
      heading: a.heading,
      bodyHtml: html.articles.get(a.articleId) ?? "",
      comments: comments.get(a.articleId) ?? 0,
      amendments: amendmentCounts.get(a.articleId) ?? 0,
    })),
    commentCount: bylaw.commentCount,
    followerCount: bylaw.followerCount,
    following: actor ? isFollowing(actor.id, bylaw.id) : false,
    canFollow: Boolean(actor) && can(actor, "topic:follow", bylaw),
    canPublish: bylaw.status === "draft" && can(actor, "bylaw:draft"),
    canEdit: can(actor, "bylaw:edit-draft", bylaw),
    canPublishVersion: bylaw.status === "open" && mayDecide && waiting > 0,
    canClose: bylaw.status === "open" && mayDecide,
    canDecide: mayDecide,
    timeline: listTimeline(bylaw.id).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    outcome: serialiseOutcome(getOutcomeBlock(bylaw.id)),
  };
}

function serialiseOutcome(block: ReturnType<typeof getOutcomeBlock>) {
  return {
    outcomes: block.outcomes.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    nextSteps: block.nextSteps.map((s) => ({ id: s.id, description: s.description, responsibleBody: s.responsibleBody, dueAt: iso(s.dueAt), status: s.status })),
  };
}

/** A draft as its edit form shows it: its fields, its window's last day (Amsterdam) and the articles as written. */
export function getDraftForEditing(bylawId: number) {
  const bylaw = findBylaw(db, bylawId)!;
  const draft = currentVersion(db, bylaw.id)!;
  return {
    id: bylaw.id,
    title: bylaw.title,
    summary: bylaw.summary ?? "",
    closesOn: bylaw.closesAt ? localDay(bylaw.closesAt) : "",
    introduction: draft.introduction,
    articles: draft.articles.map((a, i) => ({ id: a.articleId, number: i + 1, heading: a.heading, body: a.body })),
  };
}

/** An article of the current version (or a 404: a tampered or removed article id). */
export function articleOr404(bylawId: number, articleId: number) {
  const version = currentVersion(db, bylawId)!;
  const index = version.articles.findIndex((a) => a.articleId === articleId);
  if (index < 0) throw new Response("Not Found", { status: 404 });
  return { version, index, article: version.articles[index]! };
}

interface AmendmentRow {
  id: number;
  type: AmendmentType;
  status: AmendmentState;
  heading: string;
  rationale: string;
  supportCount: number;
  opposeCount: number;
  mergedInVersion: number | null;
  authorName: string | null;
  createdAt: string;
}

function amendmentRows(where: ReturnType<typeof and>, limit = 200): AmendmentRow[] {
  return db
    .select({
      id: bylawAmendments.id, type: bylawAmendments.type, status: bylawAmendments.status, heading: bylawAmendments.heading, rationale: bylawAmendments.rationale,
      supportCount: bylawAmendments.supportCount, opposeCount: bylawAmendments.opposeCount, mergedInVersion: bylawAmendments.mergedInVersion, authorName: users.displayName, deletedAt: users.deletedAt, createdAt: bylawAmendments.createdAt,
    })
    .from(bylawAmendments)
    .leftJoin(users, eq(users.id, bylawAmendments.authorId))
    .where(where)
    .orderBy(asc(bylawAmendments.id))
    .limit(limit)
    .all()
    .map(({ deletedAt, ...r }) => ({ ...r, authorName: deletedAt ? null : r.authorName, createdAt: r.createdAt.toISOString() }));
}

/** An article's page: its text, its amendments and whether the viewer may amend it. */
export function getArticlePage(bylawId: number, articleId: number, actor: Actor | null, now = new Date()) {
  const bylaw = readableBylawOr404(bylawId, actor);
  const { version, index, article } = articleOr404(bylaw.id, articleId);
  const window = { status: bylaw.status, closesAt: bylaw.closesAt, now };
  return {
    bylaw: { id: bylaw.id, title: bylaw.title, status: bylaw.status, open: consultationOpen(bylaw, now), closesAt: iso(bylaw.closesAt), version: version.number },
    article: { id: article.articleId, number: index + 1, heading: article.heading, body: article.body, bodyHtml: renderMarkdown(article.body) },
    amendments: amendmentRows(eq(bylawAmendments.articleId, article.articleId)),
    canAmend: bylaw.isPublic && can(actor, "bylaw:amend", window),
  };
}

/** An amendment's page: the change as a word diff against the text it amends, its support and opposition, and the decision. */
export function getAmendmentPage(bylawId: number, amendmentId: number, actor: Actor | null, now = new Date()) {
  const bylaw = readableBylawOr404(bylawId, actor);
  const a = db.select().from(bylawAmendments).where(and(eq(bylawAmendments.id, amendmentId), eq(bylawAmendments.topicId, bylaw.id))).get();
  if (!a) throw new Response("Not Found", { status: 404 });
  const version = db.select().from(bylawVersions).where(and(eq(bylawVersions.topicId, bylaw.id), eq(bylawVersions.number, a.versionNumber))).get()!;
  const index = version.articles.findIndex((x) => x.articleId === a.articleId);
  const base = version.articles[index];
  const author = a.authorId ? db.select({ name: users.displayName, deletedAt: users.deletedAt }).from(users).where(eq(users.id, a.authorId)).get() : undefined;
  const window = { status: bylaw.status, closesAt: bylaw.closesAt, now };
  const stance = actor ? (stancesOf(db, actor.id, bylaw.id, [a.id]).get(a.id) ?? null) : null;
  return {
    bylaw: { id: bylaw.id, title: bylaw.title, status: bylaw.status },
    amendment: {
      id: a.id, type: a.type, status: a.status, heading: a.heading, rationale: a.rationale, decisionReason: a.decisionReason, decidedAt: iso(a.decidedAt),
      mergedInVersion: a.mergedInVersion, supportCount: a.supportCount, opposeCount: a.opposeCount, versionNumber: a.versionNumber,
      authorName: author && !author.deletedAt ? author.name : null, createdAt: a.createdAt.toISOString(), byViewer: Boolean(actor) && a.authorId === actor!.id,
    },
    article: { id: a.articleId, number: index + 1, heading: base?.heading ?? "" },
    diff: a.type === "replace" ? wordDiff(base?.body ?? "", a.text) : a.type === "delete" ? [{ op: "del" as const, text: base?.body ?? "" }] : [{ op: "ins" as const, text: a.text }],
    viewerStance: stance,
    canTakeStance: Boolean(actor) && takesStances(bylaw, a, now) && can(actor, "bylaw:take-stance", window) && a.authorId !== actor!.id,
    canDecide: a.status === "open" && bylaw.status === "open" && can(actor, "bylaw:decide"),
  };
}

/** Every version, numbered and dated, and (when asked) two compared article by article. */
export function getVersionsPage(bylawId: number, actor: Actor | null, pick: { from: number | null; to: number | null }) {
  const bylaw = readableBylawOr404(bylawId, actor);
  const all = db
    .select({ number: bylawVersions.number, publishedAt: bylawVersions.publishedAt, note: bylawVersions.note })
    .from(bylawVersions)
    .where(eq(bylawVersions.topicId, bylaw.id))
    .orderBy(asc(bylawVersions.number))
    .all()
    .filter((v) => v.publishedAt !== null || can(actor, "bylaw:draft"));
  const latest = all.at(-1)?.number ?? 1;
  const from = pick.from ?? Math.max(1, latest - 1);
  const to = pick.to ?? latest;
  let comparison: ReturnType<typeof compareVersions> | null = null;
  if (from !== to && all.some((v) => v.number === from) && all.some((v) => v.number === to)) {
    const ids = db
      .select({ id: bylawVersions.id, number: bylawVersions.number })
      .from(bylawVersions)
      .where(and(eq(bylawVersions.topicId, bylaw.id), inArray(bylawVersions.number, [from, to])))
      .all();
    const idOf = (n: number) => ids.find((r) => r.number === n)!.id;
    comparison = once(`compare:${idOf(from)}:${idOf(to)}`, () => {
      const rows = db.select({ id: bylawVersions.id, articles: bylawVersions.articles }).from(bylawVersions).where(inArray(bylawVersions.id, [idOf(from), idOf(to)])).all();
      return compareVersions(rows.find((r) => r.id === idOf(from))!.articles, rows.find((r) => r.id === idOf(to))!.articles);
    });
  }
  return {
    bylaw: { id: bylaw.id, title: bylaw.title },
    versions: all.map((v) => ({ number: v.number, publishedAt: iso(v.publishedAt), note: v.note })),
    from,
    to,
    comparison,
  };
}

/** The clerk's page for the next version: every article the accepted amendments change, merged, with its conflicts. */
export function getVersionProposal(bylawId: number, actor: Actor | null) {
  const bylaw = readableBylawOr404(bylawId, actor);
  const proposal = versionProposal(db, bylaw.id)!;
  const numbers = new Map(proposal.base.articles.map((a, i) => [a.articleId, i + 1]));
  const proposedTexts = new Map(
    proposal.amendmentIds.length
      ? db.select({ id: bylawAmendments.id, type: bylawAmendments.type, text: bylawAmendments.text }).from(bylawAmendments).where(inArray(bylawAmendments.id, proposal.amendmentIds)).all().map((r) => [r.id, r])
      : [],
  );
  return {
    bylaw: { id: bylaw.id, title: bylaw.title, status: bylaw.status },
    baseNumber: proposal.base.number,
    amendmentIds: proposal.amendmentIds,
    articles: proposal.proposed
      .filter((p) => p.merge.state !== "unchanged")
      .map((p) => ({
        key: p.key,
        number: p.articleId === null ? null : (numbers.get(p.articleId) ?? null),
        heading: p.heading,
        base: p.base,
        state: p.merge.state,
        text: p.merge.state === "deleted" ? p.base : p.merge.text,
        amendmentIds: p.merge.state === "unchanged" ? [] : p.merge.amendmentIds,
        pairs: p.merge.state === "conflict" ? p.merge.pairs : [],
        diff: p.merge.state === "merged" && p.articleId !== null ? wordDiff(p.base, p.merge.text) : null,
        // What each of two conflicting amendments would make of the text, side by side for the clerk.
        alternatives:
          p.merge.state === "conflict"
            ? p.merge.amendmentIds.map((id) => {
                const a = proposedTexts.get(id)!;
                return { id, diff: a.type === "delete" ? [{ op: "del" as const, text: p.base }] : wordDiff(p.base, a.text) };
              })
            : [],
      })),
  };
}

/**
 * The report of a closed consultation: every amendment once with its fate and reason, per article
 * the comments and amendments it drew, and the final text. Readable once the consultation closed.
 */
export function getReport(bylawId: number, actor: Actor | null) {
  const bylaw = readableBylawOr404(bylawId, actor);
  if (bylaw.status !== "closed" && bylaw.status !== "decided") throw new Response("Not Found", { status: 404 });
  const version = currentVersion(db, bylaw.id)!;
  const comments = commentCountsByPart(db, bylaw.id);
  const articles = db.select({ id: bylawArticles.id, amendments: bylawArticles.amendmentCount }).from(bylawArticles).where(eq(bylawArticles.topicId, bylaw.id)).orderBy(asc(bylawArticles.id)).all();
  const finalNumbers = new Map(version.articles.map((a, i) => [a.articleId, i + 1]));
  const versions = db.select({ number: bylawVersions.number, articles: bylawVersions.articles }).from(bylawVersions).where(eq(bylawVersions.topicId, bylaw.id)).orderBy(asc(bylawVersions.number)).all();
  // An article's last heading and number, also for one a later version took out.
  const lastSeen = new Map<number, { heading: string; number: number; version: number }>();
  for (const v of versions) v.articles.forEach((a, i) => lastSeen.set(a.articleId, { heading: a.heading, number: i + 1, version: v.number }));
  const amendments = db
    .select({ id: bylawAmendments.id, articleId: bylawAmendments.articleId, type: bylawAmendments.type, status: bylawAmendments.status, decisionReason: bylawAmendments.decisionReason, mergedInVersion: bylawAmendments.mergedInVersion, supportCount: bylawAmendments.supportCount, opposeCount: bylawAmendments.opposeCount })
    .from(bylawAmendments)
    .where(eq(bylawAmendments.topicId, bylaw.id))
    .orderBy(asc(bylawAmendments.id))
    .all();
  // Articles in reading order, and the amendments grouped by it (each once, oldest first per article).
  const place = new Map(articlesInReadingOrder(versions.map((v) => v.articles.map((a) => a.articleId))).map((id, i) => [id, i]));
  const at = (articleId: number) => place.get(articleId) ?? Number.MAX_SAFE_INTEGER;
  articles.sort((a, b) => at(a.id) - at(b.id) || a.id - b.id);
  amendments.sort((a, b) => at(a.articleId) - at(b.articleId) || a.id - b.id);
  return {
    bylaw: { id: bylaw.id, title: bylaw.title, closedAt: iso(bylaw.closedAt), version: version.number },
    introductionHtml: renderMarkdown(version.introduction),
    articles: articles.map((a) => ({
      id: a.id,
      heading: lastSeen.get(a.id)?.heading ?? "",
      number: finalNumbers.get(a.id) ?? null,
      lastNumber: lastSeen.get(a.id)?.number ?? null,
      comments: comments.get(a.id) ?? 0,
      amendments: a.amendments,
    })),
    amendments: amendments.map((a) => ({ ...a, article: lastSeen.get(a.articleId)?.heading ?? "" })),
    finalText: version.articles.map((a, i) => ({ id: a.articleId, number: i + 1, heading: a.heading, bodyHtml: renderMarkdown(a.body) })),
    undecided: amendments.filter((a) => (UNDECIDED_AMENDMENT_STATES as readonly string[]).includes(a.status)).length,
  };
}
