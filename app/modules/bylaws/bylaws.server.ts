// The use cases of a draft bylaw, one function each: a clerk drafts (typed or imported) and
// publishes it; residents amend articles and support or oppose amendments; clerks decide, publish
// new versions from accepted amendments and close the consultation with its report. Each reads and
// writes in one transaction with its timeline event, audit entry and notices.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { bylawAmendments, bylawArticles, bylawVersions, topics, type AmendmentType, type SupportStance, type VersionArticle } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { activeRecipients } from "~/modules/participation/recipients.server";
import { takeStance, withdrawStance, type StanceOutcome, type StanceSpec } from "~/modules/support/support.stances.server";
import { topicTimeline } from "~/modules/topics/outcomes.server";
import { tookPart } from "~/modules/topics/participations.server";
import { followTopicTx, insertTopic } from "~/modules/topics/topics.server";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import { consolidate, differs, type ProposedArticle } from "./bylaws.diff";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX, ARTICLES_MAX, importBylaw, INTRODUCTION_MAX, type ImportRefusal } from "./bylaws.import";
import { bylawKind } from "./bylaws.kind";
import { amendmentContent, amendmentTransition, consultationOpen, reasonRequired, takesStances, transition, UNDECIDED_AMENDMENT_STATES, type AmendmentDecision } from "./bylaws.rules";

const timeline = topicTimeline(bylawKind);

/** The audit action of each decision on an amendment. */
const DECISION_AUDIT: Record<AmendmentDecision, string> = { accept: "bylaw.amendment-accept", reject: "bylaw.amendment-reject", consider: "bylaw.amendment-consider" };

export type BylawRefusal =
  | "not-found"
  | "article-not-found"
  | "amendment-not-found"
  | "submission-reused"
  | "not-draft"
  | "not-open"
  | "window-in-past"
  | "window-closed"
  | "undecided-amendments"
  | "already-decided"
  | "reason-required"
  | "identical-text"
  | "empty-text"
  | "heading-required"
  | "nothing-to-merge"
  | "conflict-unresolved"
  | "stale-proposal"
  | "rate-limited"
  | ImportRefusal["reason"];

export type BylawResult<T extends object = object> = Outcome<T, BylawRefusal> & { params?: Record<string, number> };

export const BYLAW_REFUSAL_MESSAGES: RefusalMessages<BylawRefusal> = {
  "not-found": "bylaw.error.notFound",
  "article-not-found": "bylaw.error.articleNotFound",
  "amendment-not-found": "bylaw.error.amendmentNotFound",
  "submission-reused": "form.submissionInvalid",
  "not-draft": "bylaw.error.notDraft",
  "not-open": "bylaw.error.notOpen",
  "window-in-past": "bylaw.error.windowInPast",
  "window-closed": "bylaw.error.windowClosed",
  "undecided-amendments": "bylaw.error.undecided",
  "already-decided": "bylaw.error.alreadyDecided",
  "reason-required": "bylaw.error.reasonRequired",
  "identical-text": "bylaw.error.identicalText",
  "empty-text": "bylaw.error.emptyText",
  "heading-required": "bylaw.error.headingRequired",
  "nothing-to-merge": "bylaw.error.nothingToMerge",
  "conflict-unresolved": "bylaw.error.conflictUnresolved",
  "stale-proposal": "bylaw.error.staleProposal",
  "rate-limited": "bylaw.error.rateLimited",
  "no-articles": "bylaw.import.noArticles",
  "too-many-articles": "bylaw.import.tooManyArticles",
  "empty-article": "bylaw.import.emptyArticle",
  "heading-too-long": "bylaw.import.headingTooLong",
  "article-too-long": "bylaw.import.articleTooLong",
  "introduction-too-long": "bylaw.import.introductionTooLong",
};

type TopicRow = typeof topics.$inferSelect;

export function findBylaw(tx: DB | Tx, topicId: number): TopicRow | undefined {
  return tx.select().from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "bylaw"))).get();
}

/** The newest version (the draft, before publication): what residents read and amend. */
export function currentVersion(tx: DB | Tx, topicId: number) {
  return tx.select().from(bylawVersions).where(eq(bylawVersions.topicId, topicId)).orderBy(desc(bylawVersions.number)).limit(1).get();
}

// ---------------------------------------------------------------------------------------------
// Drafting and publishing

export interface DraftInput {
  title: string;
  summary: string;
  /** The whole text as markdown: an introduction, then one heading per article. */
  markdown: string;
  closesAt: Date;
  submissionKey?: string | null;
}

/**
 * A clerk writes a draft bylaw (typed in or imported from a markdown file): the topic, unpublished;
 * its articles; and version 1, the draft, unpublished until the clerk publishes it. A repeat of the
 * same form answers with the draft the first one made.
 */
export function createDraft(actor: Actor, input: DraftInput, options: { now?: Date } = {}): BylawResult<{ topicId: number }> {
  const now = options.now ?? new Date();
  const imported = importBylaw(input.markdown);
  if (!imported.ok) {
    const { ok: _ok, reason, ...params } = imported;
    return { ok: false, reason, field: "markdown", params };
  }
  const key = input.submissionKey ?? null;
  return db.transaction((tx): BylawResult<{ topicId: number }> => {
    if (key) {
      const earlier = tx.select({ id: topics.id, kind: topics.kind }).from(topics).where(and(eq(topics.authorId, actor.id), eq(topics.submissionKey, key))).get();
      if (earlier) return earlier.kind === "bylaw" ? { ok: true, topicId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    const topicId = insertTopic(tx, {
      kind: "bylaw", title: input.title, summary: input.summary, body: imported.bylaw.introduction, authorId: actor.id, status: "draft", isPublic: false, closesAt: input.closesAt,
    });
    tx.update(topics).set({ createdAt: now, updatedAt: now, submissionKey: key }).where(eq(topics.id, topicId)).run();
    const articles = insertArticles(tx, topicId, imported.bylaw.articles, now);
    tx.insert(bylawVersions).values({ topicId, number: 1, introduction: imported.bylaw.introduction, articles, authorId: actor.id, createdAt: now }).run();
    recordAudit(tx, { actorId: actor.id, action: "bylaw.draft", entityType: "topic", entityId: topicId, after: { articles: articles.length } });
    return { ok: true, topicId };
  });
}

function insertArticles(tx: Tx, topicId: number, texts: ReadonlyArray<{ heading: string; body: string }>, now: Date): VersionArticle[] {
  return texts.map((a) => {
    const { id } = tx.insert(bylawArticles).values({ topicId, createdAt: now }).returning({ id: bylawArticles.id }).get();
    return { articleId: id, heading: a.heading, body: a.body };
  });
}

/** The text of a draft as the clerk edits it: field by field, or replaced whole from markdown. */
export type DraftText =
  | {
      introduction: string;
      /** The articles in their new order: a kept one by its id, a new one without. */
      articles: ReadonlyArray<{ articleId: number | null; heading: string; body: string }>;
    }
  | { markdown: string };

export interface DraftEdit {
  topicId: number;
  title: string;
  summary: string;
  closesAt: Date;
  text: DraftText;
}

/**
 * A clerk edits a draft before it is published: its title, summary, window, introduction and
 * articles (rewritten, removed, one added), or its articles replaced from markdown. Only a draft:
 * nobody has read, commented on or amended it yet, so its articles may change identity freely;
 * an article kept by the form keeps its id, and a replaced text takes the ids in order. Version 1
 * is rewritten, not added to: a draft has no history to keep. Audited; saving it unchanged again
 * changes nothing but the audit's "after".
 */
export function editDraft(actor: Actor, input: DraftEdit, options: { now?: Date } = {}): BylawResult {
  const now = options.now ?? new Date();
  let introduction: string;
  let texts: ReadonlyArray<{ articleId: number | null; heading: string; body: string }>;
  if ("markdown" in input.text) {
    const imported = importBylaw(input.text.markdown);
    if (!imported.ok) {
      const { ok: _ok, reason, ...params } = imported;
      return { ok: false, reason, field: "markdown", params };
    }
    introduction = imported.bylaw.introduction;
    texts = imported.bylaw.articles.map((a) => ({ articleId: null, ...a }));
  } else {
    introduction = input.text.introduction.trim();
    texts = input.text.articles.map((a) => ({ articleId: a.articleId, heading: a.heading.trim(), body: a.body.trim() }));
    const refusal = draftArticlesRefusal(introduction, texts);
    if (refusal) return refusal;
  }
  return db.transaction((tx): BylawResult => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw) return { ok: false, reason: "not-found" };
    if (bylaw.status !== "draft") return { ok: false, reason: "not-draft" };
    const draft = currentVersion(tx, bylaw.id)!;
    const existing = draft.articles.map((a) => a.articleId);
    // A form's article ids must be this draft's, each once: anything else is a tampered form.
    const named = texts.flatMap((a) => (a.articleId === null ? [] : [a.articleId]));
    if (named.some((id) => !existing.includes(id)) || new Set(named).size !== named.length) return { ok: false, reason: "article-not-found" };
    // A replaced text takes the ids in order; a form's new article takes an id no one kept.
    const free = existing.filter((id) => !named.includes(id));
    const placed = texts.map((a) => ({ ...a, articleId: a.articleId ?? ("markdown" in input.text ? (free.shift() ?? null) : null) }));
    const gone = existing.filter((id) => !placed.some((a) => a.articleId === id));
    const articles = placed.map((a) => (a.articleId === null ? insertArticles(tx, bylaw.id, [a], now)[0]! : { articleId: a.articleId, heading: a.heading, body: a.body }));
    if (gone.length > 0) tx.delete(bylawArticles).where(and(eq(bylawArticles.topicId, bylaw.id), inArray(bylawArticles.id, gone))).run();
    tx.update(bylawVersions).set({ introduction, articles }).where(eq(bylawVersions.id, draft.id)).run();
    tx.update(topics)
      .set({ title: input.title, summary: input.summary, body: introduction, closesAt: input.closesAt, updatedAt: now })
      .where(and(eq(topics.id, bylaw.id), eq(topics.status, "draft")))
      .run();
    recordAudit(tx, {
      actorId: actor.id, action: "bylaw.draft-edit", entityType: "topic", entityId: bylaw.id,
      before: { title: bylaw.title, closesAt: bylaw.closesAt?.toISOString(), articles: existing.length },
      after: { title: input.title, closesAt: input.closesAt.toISOString(), articles: articles.length, removed: gone },
    });
    return { ok: true };
  });
}

/** What the import checks of a typed text, for a text edited field by field: the field named is the article's own. */
function draftArticlesRefusal(introduction: string, articles: ReadonlyArray<{ articleId: number | null; heading: string; body: string }>): BylawResult | null {
  if (articles.length === 0) return { ok: false, reason: "no-articles", field: "form" };
  if (articles.length > ARTICLES_MAX) return { ok: false, reason: "too-many-articles", field: "form", params: { max: ARTICLES_MAX } };
  if (introduction.length > INTRODUCTION_MAX) return { ok: false, reason: "introduction-too-long", field: "introduction", params: { max: INTRODUCTION_MAX } };
  for (const [i, a] of articles.entries()) {
    const key = a.articleId ?? "new";
    if (a.heading === "") return { ok: false, reason: "heading-required", field: `heading-${key}` };
    if (a.heading.length > ARTICLE_HEADING_MAX) return { ok: false, reason: "heading-too-long", field: `heading-${key}`, params: { article: i + 1, max: ARTICLE_HEADING_MAX } };
    if (a.body === "") return { ok: false, reason: "empty-article", field: `body-${key}`, params: { article: i + 1 } };
    if (a.body.length > ARTICLE_BODY_MAX) return { ok: false, reason: "article-too-long", field: `body-${key}`, params: { article: i + 1, max: ARTICLE_BODY_MAX } };
  }
  return null;
}

/** A clerk publishes the draft: the consultation opens until its window ends, and version 1 is dated. */
export function publishBylaw(actor: Actor, input: { topicId: number; closesAt?: Date }, options: { now?: Date } = {}): BylawResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): BylawResult => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw) return { ok: false, reason: "not-found" };
    // Published already by this very request's twin (a double click): the same request.
    if (bylaw.status === "open" && bylaw.publishedAt) return { ok: true };
    const closesAt = input.closesAt ?? bylaw.closesAt;
    const next = transition({ status: bylaw.status, closesAt }, "publish", { now });
    if (!next.ok) return { ok: false, reason: next.reason === "unknown-state" ? "not-draft" : next.reason, field: next.reason === "window-in-past" ? "closesAt" : undefined };
    const moved = tx
      .update(topics)
      .set({ status: next.to, isPublic: true, publishedAt: now, closesAt, updatedAt: now })
      .where(and(eq(topics.id, bylaw.id), eq(topics.status, "draft")))
      .run();
    if (moved.changes !== 1) return { ok: true };
    tx.update(bylawVersions).set({ publishedAt: now }).where(and(eq(bylawVersions.topicId, bylaw.id), eq(bylawVersions.number, 1))).run();
    timeline.record(tx, { topicId: bylaw.id, type: "published", payload: {}, actor, at: now, audit: { action: "bylaw.publish", before: { status: bylaw.status }, after: { status: next.to, closesAt: closesAt?.toISOString() } } });
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Amendments

export interface AmendmentInput {
  topicId: number;
  articleId: number;
  type: AmendmentType;
  heading: string;
  text: string;
  rationale: string;
  submissionKey?: string | null;
}

/**
 * A resident proposes an amendment to an article of the current version while the consultation is
 * open: its replacement text, a new article after it, or deleting it, with a rationale. They follow
 * the bylaw from then on, and it is on their participation page. A repeat of the same form answers
 * with the amendment the first one made. `admit` is the caller's rate limit, asked only for an
 * amendment that would be written (a repeat or a refused one does not count against it).
 */
export function proposeAmendment(actor: Actor, input: AmendmentInput, options: { now?: Date; admit?: () => boolean } = {}): BylawResult<{ amendmentId: number }> {
  const now = options.now ?? new Date();
  const key = input.submissionKey ?? null;
  return db.transaction((tx): BylawResult<{ amendmentId: number }> => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw || !bylaw.isPublic) return { ok: false, reason: "not-found" };
    if (key) {
      const earlier = tx.select({ id: bylawAmendments.id, topicId: bylawAmendments.topicId }).from(bylawAmendments).where(and(eq(bylawAmendments.authorId, actor.id), eq(bylawAmendments.submissionKey, key))).get();
      if (earlier) return earlier.topicId === bylaw.id ? { ok: true, amendmentId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    if (!consultationOpen(bylaw, now)) return { ok: false, reason: "window-closed" };
    const version = currentVersion(tx, bylaw.id);
    const article = version?.articles.find((a) => a.articleId === input.articleId);
    if (!version || !article) return { ok: false, reason: "article-not-found" };
    const content = amendmentContent(input.type, article.body, input);
    if (content) return { ok: false, reason: content, field: content === "heading-required" ? "heading" : "text" };
    if (options.admit && !options.admit()) return { ok: false, reason: "rate-limited" };
    const { id } = tx
      .insert(bylawAmendments)
      .values({
        topicId: bylaw.id, articleId: article.articleId, versionNumber: version.number, type: input.type,
        heading: input.type === "insert-after" ? input.heading : "", text: input.type === "delete" ? "" : input.text,
        rationale: input.rationale, authorId: actor.id, createdAt: now, submissionKey: key,
      })
      .returning({ id: bylawAmendments.id })
      .get();
    tx.update(bylawArticles).set({ amendmentCount: sql`${bylawArticles.amendmentCount} + 1` }).where(eq(bylawArticles.id, article.articleId)).run();
    followTopicTx(tx, actor.id, bylaw.id, now);
    tookPart(tx, { userId: actor.id, topicId: bylaw.id, way: "amended", at: now });
    return { ok: true, amendmentId: id };
  });
}

/** Support and opposition of amendments, kept by the support module's stances; the counts live on the amendment. */
export const amendmentStances: StanceSpec = {
  refusal(tx, topicId, amendmentId, now) {
    const bylaw = findBylaw(tx, topicId);
    const amendment = tx.select({ status: bylawAmendments.status }).from(bylawAmendments).where(and(eq(bylawAmendments.id, amendmentId), eq(bylawAmendments.topicId, topicId))).get();
    if (!bylaw || !bylaw.isPublic || !amendment) return "bylaw.error.amendmentNotFound";
    if (!takesStances(bylaw, amendment, now)) return consultationOpen(bylaw, now) ? "bylaw.error.alreadyDecided" : "bylaw.error.windowClosed";
    return null;
  },
  count(tx, amendmentId, from, to) {
    const delta = (s: SupportStance) => (from === s ? -1 : 0) + (to === s ? 1 : 0);
    tx.update(bylawAmendments)
      .set({ supportCount: sql`${bylawAmendments.supportCount} + ${delta("support")}`, opposeCount: sql`${bylawAmendments.opposeCount} + ${delta("oppose")}` })
      .where(eq(bylawAmendments.id, amendmentId))
      .run();
  },
};

/** A resident supports or opposes an amendment (or changes their mind) while it waits for a decision. */
export function takeAmendmentStance(actor: Actor, input: { topicId: number; amendmentId: number; stance: SupportStance }, now = new Date()): StanceOutcome {
  return takeStance(amendmentStances, actor.id, { topicId: input.topicId, subjectId: input.amendmentId, stance: input.stance }, now);
}

/** A resident takes their support or opposition back while the amendment waits for a decision. */
export function withdrawAmendmentStance(actor: Actor, input: { topicId: number; amendmentId: number }, now = new Date()): StanceOutcome {
  return withdrawStance(amendmentStances, actor.id, { topicId: input.topicId, subjectId: input.amendmentId }, now);
}

/**
 * A clerk accepts an amendment (it goes into the next version), rejects it (its author is told the
 * reason) or marks it considered (kept for the council's report). Audited. Deciding it again the
 * same way is the same request; another decision on a decided amendment is refused.
 */
export function decideAmendment(
  actor: Actor,
  input: { topicId: number; amendmentId: number; decision: AmendmentDecision; reason: string | null },
  options: { now?: Date } = {},
): BylawResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): BylawResult => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw) return { ok: false, reason: "not-found" };
    const amendment = tx.select().from(bylawAmendments).where(and(eq(bylawAmendments.id, input.amendmentId), eq(bylawAmendments.topicId, bylaw.id))).get();
    if (!amendment) return { ok: false, reason: "amendment-not-found" };
    if (bylaw.status !== "open") return { ok: false, reason: "not-open" };
    const next = amendmentTransition(amendment.status, input.decision);
    if (!next.ok) {
      const same = amendmentTransition("open", input.decision);
      return same.ok && same.to === amendment.status && (amendment.decisionReason ?? null) === (input.reason ?? null) ? { ok: true } : { ok: false, reason: "already-decided" };
    }
    if (reasonRequired(input.decision) && !input.reason) return { ok: false, reason: "reason-required", field: "reason" };
    const moved = tx
      .update(bylawAmendments)
      .set({ status: next.to, decisionReason: input.reason, decidedAt: now })
      .where(and(eq(bylawAmendments.id, amendment.id), eq(bylawAmendments.status, "open")))
      .run();
    if (moved.changes !== 1) return { ok: false, reason: "already-decided" };
    recordAudit(tx, {
      actorId: actor.id, action: DECISION_AUDIT[input.decision], entityType: "topic", entityId: bylaw.id,
      before: { amendmentId: amendment.id, status: amendment.status }, after: { amendmentId: amendment.id, status: next.to }, reason: input.reason,
    });
    if (amendment.authorId && amendment.authorId !== actor.id) {
      notify(tx, activeRecipients(tx, [amendment.authorId], now), {
        type: `bylaw.notice.amendment.${next.to as "accepted" | "rejected" | "considered"}`,
        topicId: bylaw.id,
        data: { title: bylaw.title, reason: input.reason ?? "" },
        link: `/bylaws/${bylaw.id}/amendments/${amendment.id}`,
        eventKey: `bylaw-amendment-decided:${bylaw.id}:${amendment.id}`,
      });
    }
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Versions

/** The accepted amendments waiting to be merged, with the version they would make: what the clerk edits. */
export function versionProposal(tx: DB | Tx, topicId: number): { base: NonNullable<ReturnType<typeof currentVersion>>; proposed: ProposedArticle[]; amendmentIds: number[] } | null {
  const base = currentVersion(tx, topicId);
  if (!base) return null;
  const accepted = tx
    .select({ id: bylawAmendments.id, articleId: bylawAmendments.articleId, type: bylawAmendments.type, heading: bylawAmendments.heading, text: bylawAmendments.text })
    .from(bylawAmendments)
    .where(and(eq(bylawAmendments.topicId, topicId), eq(bylawAmendments.status, "accepted")))
    .orderBy(asc(bylawAmendments.id))
    .all();
  return { base, proposed: consolidate(base.articles, accepted), amendmentIds: accepted.map((a) => a.id) };
}

export interface VersionInput {
  topicId: number;
  /** The accepted amendments the clerk saw: another accepted meanwhile makes the form stale. */
  amendmentIds: number[];
  /** The clerk's text per proposed article key (changed, conflicting and new ones). */
  texts: Record<string, string>;
  /** The headings of new articles, by key. */
  headings: Record<string, string>;
  /** Keys of articles to take out (the deletions the clerk confirms). */
  removed: ReadonlySet<string>;
  /** Keys of conflicts the clerk says they resolved in the text. */
  resolved: ReadonlySet<string>;
  note: string;
}

/**
 * A clerk publishes the next version: the accepted amendments merged, as the clerk edited them.
 * Conflicting amendments on one article are never merged by themselves: the clerk writes the text
 * and says so, else the version is refused. The merged amendments are marked with the version;
 * the bylaw's audience hears of it.
 */
export function publishVersion(actor: Actor, input: VersionInput, options: { now?: Date } = {}): BylawResult<{ number: number }> {
  const now = options.now ?? new Date();
  return db.transaction((tx): BylawResult<{ number: number }> => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw) return { ok: false, reason: "not-found" };
    const next = transition(bylaw, "publish-version", { now });
    if (!next.ok) return { ok: false, reason: "not-open" };
    const proposal = versionProposal(tx, bylaw.id)!;
    if (proposal.amendmentIds.length === 0) return { ok: false, reason: "nothing-to-merge" };
    if (proposal.amendmentIds.join(",") !== [...input.amendmentIds].sort((a, b) => a - b).join(",")) return { ok: false, reason: "stale-proposal" };
    const articles: Array<VersionArticle | { articleId: null; heading: string; body: string }> = [];
    for (const p of proposal.proposed) {
      const edited = input.texts[p.key];
      if (p.merge.state === "deleted" && input.removed.has(p.key)) continue;
      if (p.merge.state === "conflict" && !input.resolved.has(p.key)) return { ok: false, reason: "conflict-unresolved", field: `text-${p.key}` };
      const proposedText = p.merge.state === "deleted" ? p.base : p.merge.text;
      const body = (edited ?? proposedText).trim();
      if (body === "") return { ok: false, reason: "empty-text", field: `text-${p.key}` };
      const heading = p.articleId === null ? (input.headings[p.key] ?? p.heading).trim() : p.heading;
      if (heading === "") return { ok: false, reason: "heading-required", field: `heading-${p.key}` };
      articles.push({ articleId: p.articleId, heading, body });
    }
    const number = proposal.base.number + 1;
    const saved: VersionArticle[] = articles.map((a) => (a.articleId === null ? insertArticles(tx, bylaw.id, [a], now)[0]! : (a as VersionArticle)));
    const inserted = tx
      .insert(bylawVersions)
      .values({ topicId: bylaw.id, number, introduction: proposal.base.introduction, articles: saved, note: input.note, authorId: actor.id, publishedAt: now, createdAt: now })
      .onConflictDoNothing()
      .run();
    if (inserted.changes !== 1) return { ok: false, reason: "stale-proposal" };
    tx.update(bylawAmendments).set({ status: "merged", mergedInVersion: number }).where(and(eq(bylawAmendments.topicId, bylaw.id), inArray(bylawAmendments.id, proposal.amendmentIds), eq(bylawAmendments.status, "accepted"))).run();
    tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, bylaw.id)).run();
    timeline.record(tx, {
      topicId: bylaw.id, type: "version-published", payload: { number, amendments: proposal.amendmentIds.length }, actor, at: now,
      audit: { action: "bylaw.version-publish", before: { version: proposal.base.number }, after: { version: number, amendmentIds: proposal.amendmentIds, changed: changedArticles(proposal.base.articles, saved) } },
      notice: { type: "bylaw.notice.versionPublished", data: { title: bylaw.title, number }, audience: ["followers", "participants", "contributors"], link: `/bylaws/${bylaw.id}/versions?from=${proposal.base.number}&to=${number}` },
    });
    return { ok: true, number };
  });
}

/** Which articles a version changed (for the audit entry): ids whose text differs, was added or went. */
function changedArticles(before: readonly VersionArticle[], after: readonly VersionArticle[]): number[] {
  const old = new Map(before.map((a) => [a.articleId, a]));
  const changed = after.filter((a) => !old.has(a.articleId) || differs(old.get(a.articleId)!.body, a.body) || differs(old.get(a.articleId)!.heading, a.heading)).map((a) => a.articleId);
  const kept = new Set(after.map((a) => a.articleId));
  return [...changed, ...before.filter((a) => !kept.has(a.articleId)).map((a) => a.articleId)];
}

// ---------------------------------------------------------------------------------------------
// Closing with the report

/**
 * A clerk closes the consultation and publishes its report (every amendment's fate, the activity
 * per article, the final text: read from what is kept, which no longer changes). Refused while an
 * amendment waits for a decision or to be merged, so the report gives every one a fate. Everyone
 * who commented, amended, supported, opposed or followed is told once, with a link to the report.
 */
export function closeConsultation(actor: Actor, input: { topicId: number }, options: { now?: Date } = {}): BylawResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): BylawResult => {
    const bylaw = findBylaw(tx, input.topicId);
    if (!bylaw) return { ok: false, reason: "not-found" };
    if (bylaw.status === "closed") return { ok: true };
    const undecided = tx
      .select({ n: sql<number>`count(*)` })
      .from(bylawAmendments)
      .where(and(eq(bylawAmendments.topicId, bylaw.id), inArray(bylawAmendments.status, [...UNDECIDED_AMENDMENT_STATES])))
      .get()!.n;
    const next = transition(bylaw, "close", { now, undecided });
    if (!next.ok) return { ok: false, reason: next.reason === "unknown-state" ? "not-open" : next.reason, params: { count: undecided } };
    const moved = tx.update(topics).set({ status: next.to, closedAt: now, updatedAt: now }).where(and(eq(topics.id, bylaw.id), eq(topics.status, "open"))).run();
    if (moved.changes !== 1) return { ok: true };
    const amendments = tx.select({ n: sql<number>`count(*)` }).from(bylawAmendments).where(eq(bylawAmendments.topicId, bylaw.id)).get()!.n;
    timeline.record(tx, {
      topicId: bylaw.id, type: "report-published", payload: { amendments }, actor, at: now,
      audit: { action: "bylaw.close", before: { status: bylaw.status }, after: { status: next.to, amendments } },
      notice: { type: "bylaw.notice.reportPublished", data: { title: bylaw.title }, audience: ["followers", "participants", "contributors", "author"], link: `/bylaws/${bylaw.id}/report` },
    });
    return { ok: true };
  });
}

/** People who amended or took a stance: they hear of new versions and the report (the manifest's contributors). */
export function bylawContributors(tx: DB | Tx, topicId: number): string[] {
  return tx
    .selectDistinct({ id: bylawAmendments.authorId })
    .from(bylawAmendments)
    .where(and(eq(bylawAmendments.topicId, topicId), sql`${bylawAmendments.authorId} IS NOT NULL`))
    .all()
    .map((r) => r.id!);
}
