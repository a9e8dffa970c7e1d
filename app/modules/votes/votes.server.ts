// Votes: set-up by the griffie, the vote's page and list. Casting lives in votes.ballots.server.ts,
// results and closing in votes.results.server.ts and votes.closing.server.ts.
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { neighbourhoods, topics, voteOptions, voteParticipations, votes, type BallotType } from "#db/schema";
import type { EligibilityRule, NeighbourhoodRange } from "~/modules/residents/eligibility.rules";
import { topicTimeline } from "~/modules/topics/outcomes.server";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { pageRows, topicListPage } from "~/modules/topics/topics.lists.server";
import { authorName, followTopicTx, getOutcomeBlock, insertTopic, isFollowing, listTimeline, updateTopicText } from "~/modules/topics/topics.server";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { can, type Actor } from "~/utils/permissions";
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import { voteKind } from "./votes.kind";
import { COUNTED_STATES, mayEdit, setupProblems, votePhase, type SetupProblemCode, type VotePhase } from "./votes.rules";
import type { VoteSetupInput } from "./votes.schema";

export const voteTimeline = topicTimeline(voteKind);

export type VoteSetupRefusal = "not-found" | "has-ballots" | "unknown-neighbourhood" | "unknown-linked-topic" | "submission-reused" | SetupProblemCode;
export type VoteSetupResult<T extends object = object> = Outcome<T, VoteSetupRefusal> & { field?: string };

export const VOTE_SETUP_MESSAGES: RefusalMessages<VoteSetupRefusal> = {
  "not-found": "vote.error.notFound",
  "has-ballots": "vote.error.hasBallots",
  "unknown-neighbourhood": "vote.error.unknownNeighbourhood",
  "unknown-linked-topic": "vote.error.unknownLinkedTopic",
  "submission-reused": "form.submissionInvalid",
  "too-few-options": "vote.setup.error.too-few-options",
  "too-many-options": "vote.setup.error.too-many-options",
  "closes-before-opens": "vote.setup.error.closes-before-opens",
  "max-choices-range": "vote.setup.error.max-choices-range",
  "budget-required": "vote.setup.error.budget-required",
  "cost-required": "vote.setup.error.cost-required",
  "cost-over-budget": "vote.setup.error.cost-over-budget",
  "min-over-max": "vote.setup.error.min-over-max",
  "projects-range": "vote.setup.error.projects-range",
  "image-alt-required": "vote.setup.error.image-alt-required",
};

export const VOTES_PAGE_SIZE = 20;

/** The set-up's own row, with only what its ballot type uses (a poll has no budget). */
function voteRow(input: VoteSetupInput) {
  const type: BallotType = input.ballotType;
  return {
    ballotType: type,
    maxChoices: type === "multiple" ? (input.maxChoices ?? null) : type === "single" ? 1 : null,
    budget: type === "budget" ? (input.budget ?? null) : null,
    minProjects: type === "budget" ? (input.minProjects ?? null) : null,
    maxProjects: type === "budget" ? (input.maxProjects ?? null) : null,
    allocationRule: type === "budget" ? input.allocationRule : null,
    opensAt: input.opensAt,
    eligibleWho: input.eligibleWho,
    minimumAge: input.minimumAge ?? null,
    neighbourhoodId: input.neighbourhoodId ?? null,
    resultsShown: input.resultsShown,
  };
}

/** The first thing wrong with a set-up that the form alone could not know (rules, then the database's facts). */
function setupRefusal(tx: DB | Tx, input: VoteSetupInput, rowOf: readonly number[]): { ok: false; reason: VoteSetupRefusal; field?: string } | null {
  const row = voteRow(input);
  const problem = setupProblems({ ...row, options: input.options, closesAt: input.closesAt })[0];
  if (problem) {
    const field = problem.index === undefined ? problem.field : problem.field.replace(`option-${problem.index}-`, `option-${rowOf[problem.index] ?? problem.index}-`);
    return { ok: false, reason: problem.problem, field };
  }
  if (row.neighbourhoodId !== null && !tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, row.neighbourhoodId)).get()) {
    return { ok: false, reason: "unknown-neighbourhood", field: "neighbourhoodId" };
  }
  for (const [index, option] of input.options.entries()) {
    if (option.linkedTopicId === null) continue;
    const linked = tx.select({ isPublic: topics.isPublic, hidden: topics.hidden }).from(topics).where(eq(topics.id, option.linkedTopicId)).get();
    if (!linked || !linked.isPublic || linked.hidden) return { ok: false, reason: "unknown-linked-topic", field: `option-${rowOf[index] ?? index}-linkedTopicId` };
  }
  return null;
}

function insertOptions(tx: Tx, topicId: number, options: VoteSetupInput["options"]): void {
  options.forEach((o, position) => {
    tx.insert(voteOptions).values({ topicId, position, ...o, imageAlt: o.imageUrl ? o.imageAlt : null }).run();
  });
}

/**
 * A clerk sets up a vote: public at once (residents can read the question before it opens), the
 * clerk follows it. With a submission key, a repeat of the same post answers with the vote the
 * first one made.
 */
export function createVote(actor: Actor, input: VoteSetupInput, options: { submissionKey?: string | null; rowOf?: number[]; now?: Date } = {}): VoteSetupResult<{ topicId: number }> {
  const now = options.now ?? new Date();
  const key = options.submissionKey ?? null;
  return db.transaction((tx): VoteSetupResult<{ topicId: number }> => {
    if (key) {
      const earlier = tx.select({ id: topics.id, kind: topics.kind }).from(topics).where(and(eq(topics.authorId, actor.id), eq(topics.submissionKey, key))).get();
      if (earlier) return earlier.kind === "vote" ? { ok: true, topicId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    const refused = setupRefusal(tx, input, options.rowOf ?? []);
    if (refused) return refused;
    const topicId = insertTopic(tx, { kind: "vote", title: input.title, body: input.body ?? "", authorId: actor.id, status: "open", isPublic: true, closesAt: input.closesAt });
    tx.update(topics).set({ publishedAt: now, createdAt: now, updatedAt: now, submissionKey: key }).where(eq(topics.id, topicId)).run();
    tx.insert(votes).values({ topicId, ...voteRow(input) }).run();
    insertOptions(tx, topicId, input.options);
    voteTimeline.record(tx, {
      topicId, type: "published", payload: {}, actor, at: now,
      audit: { action: "vote.create", after: { ...voteRow(input), closesAt: input.closesAt.toISOString(), options: input.options.length } },
    });
    followTopicTx(tx, actor.id, topicId);
    return { ok: true, topicId };
  });
}

/**
 * A clerk changes a vote's set-up. Refused, in the same transaction that would write it, once any
 * ballot was cast: a ballot cast meanwhile bumps `ballot_count` under the same write lock, so the
 * check and the change cannot interleave with a casting.
 */
export function updateVote(actor: Actor, topicId: number, input: VoteSetupInput, options: { rowOf?: number[]; now?: Date } = {}): VoteSetupResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): VoteSetupResult => {
    const vote = tx
      .select({ ballotCount: votes.ballotCount, status: topics.status, title: topics.title, summary: topics.summary })
      .from(votes)
      .innerJoin(topics, eq(topics.id, votes.topicId))
      .where(eq(votes.topicId, topicId))
      .get();
    if (!vote) return { ok: false, reason: "not-found" };
    if (!mayEdit(vote.ballotCount) || vote.status !== "open") return { ok: false, reason: "has-ballots" };
    const refused = setupRefusal(tx, input, options.rowOf ?? []);
    if (refused) return refused;
    updateTopicText(tx, topicId, { title: input.title, summary: vote.summary, body: input.body ?? "" });
    tx.update(topics).set({ closesAt: input.closesAt, updatedAt: now }).where(eq(topics.id, topicId)).run();
    const changed = tx.update(votes).set(voteRow(input)).where(and(eq(votes.topicId, topicId), eq(votes.ballotCount, 0))).run();
    if (changed.changes !== 1) throw new Error(`vote ${topicId} took a ballot inside its own edit`);
    tx.delete(voteOptions).where(eq(voteOptions.topicId, topicId)).run();
    insertOptions(tx, topicId, input.options);
    recordAudit(tx, { actorId: actor.id, entityType: "topic", entityId: topicId, action: "vote.edit", after: { ...voteRow(input), closesAt: input.closesAt.toISOString(), options: input.options.length } });
    return { ok: true };
  });
}

/** The vote as its rules and pages need it, or undefined. */
export function findVote(tx: DB | Tx, topicId: number) {
  return tx
    .select({
      id: topics.id, title: topics.title, body: topics.body, bodyHtml: topics.bodyHtml, status: topics.status, isPublic: topics.isPublic, hidden: topics.hidden,
      authorId: topics.authorId, locked: topics.locked, closesAt: topics.closesAt, closedAt: topics.closedAt, publishedAt: topics.publishedAt,
      followerCount: topics.followerCount, commentCount: topics.commentCount,
      ballotType: votes.ballotType, maxChoices: votes.maxChoices, budget: votes.budget, minProjects: votes.minProjects, maxProjects: votes.maxProjects,
      allocationRule: votes.allocationRule, opensAt: votes.opensAt, eligibleWho: votes.eligibleWho, minimumAge: votes.minimumAge,
      neighbourhoodId: votes.neighbourhoodId, resultsShown: votes.resultsShown, ballotCount: votes.ballotCount,
    })
    .from(votes)
    .innerJoin(topics, eq(topics.id, votes.topicId))
    .where(and(eq(votes.topicId, topicId), eq(topics.kind, "vote")))
    .get();
}

export type VoteRow = NonNullable<ReturnType<typeof findVote>>;

export function phaseOf(vote: Pick<VoteRow, "status" | "opensAt" | "closesAt">, now: Date): VotePhase {
  return votePhase({ status: vote.status, opensAt: vote.opensAt, closesAt: vote.closesAt ?? new Date(8.64e15) }, now);
}

export function listOptions(tx: DB | Tx, topicId: number) {
  return tx
    .select({
      id: voteOptions.id, position: voteOptions.position, title: voteOptions.title, description: voteOptions.description, cost: voteOptions.cost,
      imageUrl: voteOptions.imageUrl, imageAlt: voteOptions.imageAlt, linkedTopicId: voteOptions.linkedTopicId, voteCount: voteOptions.voteCount,
    })
    .from(voteOptions)
    .where(eq(voteOptions.topicId, topicId))
    .orderBy(asc(voteOptions.position))
    .all();
}

export type VoteOption = ReturnType<typeof listOptions>[number];

export function eligibilityRuleOf(vote: Pick<VoteRow, "eligibleWho" | "minimumAge" | "neighbourhoodId">): EligibilityRule {
  return { who: vote.eligibleWho, minimumAge: vote.minimumAge, ageOnDay: null, neighbourhoodId: vote.neighbourhoodId };
}

export function neighbourhoodRanges(tx: DB | Tx): Array<NeighbourhoodRange & { name: string }> {
  return tx.select({ id: neighbourhoods.id, name: neighbourhoods.name, postcodeFrom: neighbourhoods.postcodeFrom, postcodeTo: neighbourhoods.postcodeTo }).from(neighbourhoods).all();
}

/** Whether this person cast a ballot in this vote, and on which day (not what: that is not kept with them). */
export function votedOn(tx: DB | Tx, topicId: number, userId: string): string | null {
  return tx.select({ day: voteParticipations.votedOn }).from(voteParticipations).where(and(eq(voteParticipations.topicId, topicId), eq(voteParticipations.userId, userId))).get()?.day ?? null;
}

/** The set-up as its form shows it again, for editing. */
export function voteSetupValues(vote: VoteRow, options: VoteOption[]): Record<string, string> {
  const values: Record<string, string> = {
    title: vote.title, body: vote.body, ballotType: vote.ballotType, maxChoices: vote.maxChoices?.toString() ?? "", budget: vote.budget?.toString() ?? "",
    minProjects: vote.minProjects?.toString() ?? "", maxProjects: vote.maxProjects?.toString() ?? "", allocationRule: vote.allocationRule ?? "equalshares/add1",
    opensAt: localInput(vote.opensAt), closesAt: vote.closesAt ? localInput(vote.closesAt) : "", eligibleWho: vote.eligibleWho,
    minimumAge: vote.minimumAge?.toString() ?? "", neighbourhoodId: vote.neighbourhoodId?.toString() ?? "", resultsShown: vote.resultsShown,
  };
  options.forEach((o, i) => {
    values[`option-${i}-title`] = o.title;
    values[`option-${i}-description`] = o.description;
    values[`option-${i}-cost`] = o.cost?.toString() ?? "";
    values[`option-${i}-imageUrl`] = o.imageUrl ?? "";
    values[`option-${i}-imageAlt`] = o.imageAlt ?? "";
    values[`option-${i}-linkedTopicId`] = o.linkedTopicId?.toString() ?? "";
  });
  return values;
}

const inputFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** A moment as a `datetime-local` value on the municipality's clock ("2026-12-08T09:00"). */
export function localInput(at: Date): string {
  return inputFormat.format(at).replace(" ", "T");
}

/** Public, visible votes, closing soonest first among the open ones, then the closed: pages by key. */
export function listVotes(filter: { status?: "open" | "closed"; cursor: PageCursor | null }) {
  // "Closed" lists the counted votes, the council's decided ones among them.
  const states = filter.status === "open" ? (["open"] as const) : filter.status === "closed" ? COUNTED_STATES : (["open", ...COUNTED_STATES] as const);
  const page = topicListPage({
    kind: "vote",
    segments: states.flatMap((status) => [{ status, closed: false }, { status, closed: true }]),
    order: "latest",
    cursor: filter.cursor,
    size: VOTES_PAGE_SIZE,
  });
  const rows = pageRows(page.ids, (byIds) =>
    db
      .select({ id: topics.id, title: topics.title, status: topics.status, closesAt: topics.closesAt, commentCount: topics.commentCount, ballotType: votes.ballotType, opensAt: votes.opensAt })
      .from(topics)
      .innerJoin(votes, eq(votes.topicId, topics.id))
      .where(byIds)
      .all(),
  );
  return {
    rows: rows.map((r) => ({ ...r, closesAt: r.closesAt?.toISOString() ?? null, opensAt: r.opensAt.toISOString() })),
    next: page.next,
    prev: page.prev,
  };
}

/** The vote's page: set-up, options, the person's own participation, timeline and outcome. Null when missing or not theirs to read. */
export function getVote(topicId: number, actor: Actor | null, now = new Date()) {
  const vote = findVote(db, topicId);
  if (!vote || !can(actor, "vote:read", { ...vote, kind: "vote" })) return null;
  const phase = phaseOf(vote, now);
  const neighbourhood = vote.neighbourhoodId === null ? null : (db.select({ name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, vote.neighbourhoodId)).get()?.name ?? null);
  const options = listOptions(db, topicId);
  const linkedIds = options.flatMap((o) => (o.linkedTopicId === null ? [] : [o.linkedTopicId]));
  const linked = linkedIds.length
    ? db.select({ id: topics.id, kind: topics.kind, title: topics.title }).from(topics).where(and(inArray(topics.id, linkedIds), eq(topics.isPublic, true), eq(topics.hidden, false))).all()
    : [];
  return {
    id: vote.id,
    title: vote.title,
    bodyHtml: vote.bodyHtml,
    status: vote.status,
    phase,
    hidden: vote.hidden,
    locked: vote.locked,
    ballotType: vote.ballotType,
    maxChoices: vote.maxChoices,
    budget: vote.budget,
    minProjects: vote.minProjects,
    maxProjects: vote.maxProjects,
    allocationRule: vote.allocationRule,
    opensAt: vote.opensAt.toISOString(),
    closesAt: vote.closesAt?.toISOString() ?? null,
    eligibleWho: vote.eligibleWho,
    minimumAge: vote.minimumAge,
    neighbourhood,
    resultsShown: vote.resultsShown,
    ballotCount: vote.ballotCount,
    followerCount: vote.followerCount,
    authorName: authorName(vote.authorId),
    options: options.map((o) => {
      const to = linked.find((l) => l.id === o.linkedTopicId);
      return { ...o, linked: to && isRegisteredKind(to.kind) ? { path: topicPath(to), title: to.title } : null };
    }),
    votedOn: actor ? votedOn(db, topicId, actor.id) : null,
    following: actor ? isFollowing(actor.id, topicId) : false,
    canEdit: can(actor, "vote:edit") && mayEdit(vote.ballotCount) && vote.status === "open",
    canFlag: Boolean(actor) && can(actor, "flag:create") && vote.authorId !== actor?.id && !vote.hidden,
    timeline: listTimeline(topicId).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    outcome: serialiseOutcome(getOutcomeBlock(topicId)),
  };
}

function serialiseOutcome(block: ReturnType<typeof getOutcomeBlock>) {
  return {
    outcomes: block.outcomes.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    nextSteps: block.nextSteps.map((s) => ({ id: s.id, description: s.description, responsibleBody: s.responsibleBody, dueAt: s.dueAt?.toISOString() ?? null, status: s.status })),
  };
}

/** Open votes whose closing time has passed, oldest deadline first (topics_closes_idx). */
export function dueVoteIds(now: Date, limit: number): number[] {
  return db
    .select({ id: topics.id })
    .from(topics)
    .where(and(lte(topics.closesAt, now), eq(topics.kind, "vote"), eq(topics.status, "open")))
    .orderBy(asc(topics.closesAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

