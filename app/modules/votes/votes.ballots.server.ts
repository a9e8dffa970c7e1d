// Casting a ballot under the secret ballot (docs/decisions/005): one transaction records that the
// person voted (vote_participations, primary key (topic, user): the one-ballot rule, across worker
// processes too) and, apart from it, the ballot under its random code with its choices
// (ballots, ballot_choices: no user, no time, no order of arrival), and bumps the counts.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { ballotChoices, ballots, users, voteOptions, voteParticipations, votes, voteTurnoutCounts } from "#db/schema";
import type { MessageKey, MessageParams } from "~/i18n";
import { eligibility, type IneligibleReason } from "~/modules/residents/eligibility.rules";
import { writeTogether, type DB, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import { localDay } from "~/utils/local-time";
import type { Actor } from "~/utils/permissions";
import { ballotCodeOf, checkBallot, type BallotProblem } from "./votes.rules";
import { eligibilityRuleOf, findVote, listOptions, neighbourhoodRanges, phaseOf, type VoteRow } from "./votes.server";

/** A fresh ballot code: 128 random bits, made when the ballot form is shown (never stored with the person). */
export function newBallotCode(): string {
  return ballotCodeOf(crypto.randomBytes(16));
}

export type BallotRefusal = "not-found" | "blocked" | "not-open-yet" | "closed" | "already-voted" | "code-used" | BallotProblem | IneligibleReason;

export type CastResult = { ok: true; already: boolean; code: string } | { ok: false; reason: BallotRefusal; params?: MessageParams };

export const BALLOT_REFUSAL_MESSAGES: Readonly<Record<BallotRefusal, MessageKey>> = {
  "not-found": "vote.error.notFound",
  blocked: "vote.error.blocked",
  "not-open-yet": "vote.error.notOpenYet",
  closed: "vote.error.closed",
  "already-voted": "vote.error.alreadyVoted",
  "code-used": "vote.error.codeUsed",
  "empty-ballot": "vote.ballot.error.empty-ballot",
  "one-choice-only": "vote.ballot.error.one-choice-only",
  "too-many-choices": "vote.ballot.error.too-many-choices",
  "over-budget": "vote.ballot.error.over-budget",
  "too-few-projects": "vote.ballot.error.too-few-projects",
  "too-many-projects": "vote.ballot.error.too-many-projects",
  "unknown-option": "vote.ballot.error.unknown-option",
  "email-not-confirmed": "eligibility.email-not-confirmed",
  "not-verified-resident": "eligibility.not-verified-resident",
  "no-postcode": "eligibility.no-postcode",
  "outside-municipality": "eligibility.outside-municipality",
  "outside-neighbourhood": "eligibility.outside-neighbourhood",
  "age-unknown": "eligibility.age-unknown",
  "too-young": "eligibility.too-young",
};

/** What a refusal says, with the numbers and names its message needs. */
function refusal(reason: BallotRefusal, vote: Pick<VoteRow, "maxChoices" | "budget" | "minProjects" | "maxProjects" | "minimumAge" | "neighbourhoodId">, tx: Tx): CastResult {
  const params: MessageParams = {};
  if (reason === "too-many-choices") params.max = vote.maxChoices ?? 1;
  if (reason === "over-budget") params.budget = vote.budget ?? 0;
  if (reason === "too-few-projects") params.min = vote.minProjects ?? 1;
  if (reason === "too-many-projects") params.max = vote.maxProjects ?? 0;
  if (reason === "too-young") params.age = vote.minimumAge ?? 0;
  if (reason === "outside-neighbourhood") params.neighbourhood = neighbourhoodRanges(tx).find((n) => n.id === vote.neighbourhoodId)?.name ?? "";
  return { ok: false, reason, params };
}

export interface CastInput {
  topicId: number;
  /** The code the ballot form was made with (its hidden field): a repeat of the same post carries the same one. */
  code: string;
  optionIds: readonly number[];
}

/**
 * The writes of one casting, inside a transaction (one of a group commit). Everything is checked
 * here, under the write lock: the window, eligibility, that the options are this vote's and the
 * ballot within its limits; then the participation row, whose primary key decides whether this is
 * the person's first ballot. A repeat of the same post (same person, a code already cast in this
 * vote) is answered with the same receipt; a code that is not theirs is refused before anything is written.
 */
export function castBallotTx(tx: Tx, actor: Actor, input: CastInput, now: Date): CastResult {
  if (actor.blocked) return { ok: false, reason: "blocked" };
  const vote = findVote(tx, input.topicId);
  if (!vote || vote.hidden || !vote.isPublic) return { ok: false, reason: "not-found" };
  const codeCast = Boolean(tx.select({ code: ballots.code }).from(ballots).where(and(eq(ballots.topicId, vote.id), eq(ballots.code, input.code))).get());
  const voted = Boolean(
    tx.select({ day: voteParticipations.votedOn }).from(voteParticipations).where(and(eq(voteParticipations.topicId, vote.id), eq(voteParticipations.userId, actor.id))).get(),
  );
  // They are showing us a code from their own receipt page: answering it reveals nothing.
  if (codeCast && voted) return { ok: true, already: true, code: input.code };
  if (codeCast) return { ok: false, reason: "code-used" };
  if (voted) return { ok: false, reason: "already-voted" };
  const phase = phaseOf(vote, now);
  if (phase === "upcoming") return { ok: false, reason: "not-open-yet" };
  if (phase === "closed") return { ok: false, reason: "closed" };
  const person = tx
    .select({ email: users.email, locale: users.locale, name: users.displayName, emailVerifiedAt: users.emailVerifiedAt, residentVerifiedAt: users.residentVerifiedAt, birthDate: users.birthDate, postcode: users.postcode })
    .from(users)
    .where(eq(users.id, actor.id))
    .get();
  if (!person) return { ok: false, reason: "not-found" };
  const eligible = eligibility(eligibilityRuleOf(vote), { emailConfirmed: person.emailVerifiedAt !== null, residentVerifiedAt: person.residentVerifiedAt, birthDate: person.birthDate, postcode: person.postcode }, neighbourhoodRanges(tx), now);
  if (!eligible.ok) return refusal(eligible.reason, vote, tx);
  const check = checkBallot(vote, listOptions(tx, vote.id), input.optionIds);
  if (!check.ok) return refusal(check.problem, vote, tx);

  const inserted = tx.insert(voteParticipations).values({ topicId: vote.id, userId: actor.id, votedOn: localDay(now) }).onConflictDoNothing().run();
  if (inserted.changes !== 1) return { ok: false, reason: "already-voted" };
  tx.insert(ballots).values({ topicId: vote.id, code: input.code }).run();
  for (const optionId of check.optionIds) {
    tx.insert(ballotChoices).values({ topicId: vote.id, code: input.code, optionId }).run();
    tx.update(voteOptions).set({ voteCount: sql`${voteOptions.voteCount} + 1` }).where(and(eq(voteOptions.id, optionId), eq(voteOptions.topicId, vote.id))).run();
  }
  tx.update(votes).set({ ballotCount: sql`${votes.ballotCount} + 1` }).where(eq(votes.topicId, vote.id)).run();
  tx.insert(voteTurnoutCounts)
    .values({ topicId: vote.id, neighbourhoodId: eligible.neighbourhoodId, count: 1 })
    .onConflictDoUpdate({ target: [voteTurnoutCounts.topicId, voteTurnoutCounts.neighbourhoodId], set: { count: sql`${voteTurnoutCounts.count} + 1` } })
    .run();
  // The receipt by email says that, where and on which day: never the code or the choice (the
  // outbox keeps recipient and body, which would link the person to the ballot).
  if (person.email && person.emailVerifiedAt) {
    enqueueEmail(tx, {
      to: person.email,
      locale: person.locale,
      name: person.name,
      subject: "vote.receipt.email.subject",
      params: { title: vote.title },
      paragraphs: [["vote.receipt.email.body", { title: vote.title, day: localDay(now) }], ["vote.receipt.email.secret"]],
      action: { label: "vote.receipt.email.open", url: `${env().BASE_URL}/votes/${vote.id}` },
      dedupeKey: `vote-receipt:${vote.id}:${actor.id}`,
      topicId: vote.id,
      account: true,
    });
  }
  return { ok: true, already: false, code: input.code };
}

/**
 * Casts a ballot. Committed together with the ballots arriving at the same moment (group commit:
 * one commit for a crowd), each in its own savepoint; the promise settles once it is on disk.
 */
export function castBallot(actor: Actor, input: CastInput, now = new Date()): Promise<CastResult> {
  return writeTogether((tx) => castBallotTx(tx, actor, input, now));
}

/** A cast ballot's content by its code, for the receipt and the check after closing; null when no ballot has it. */
export function ballotByCode(tx: DB | Tx, topicId: number, code: string): number[] | null {
  const cast = tx.select({ code: ballots.code }).from(ballots).where(and(eq(ballots.topicId, topicId), eq(ballots.code, code))).get();
  if (!cast) return null;
  return tx.select({ optionId: ballotChoices.optionId }).from(ballotChoices).where(and(eq(ballotChoices.topicId, topicId), eq(ballotChoices.code, code))).all().map((r) => r.optionId);
}
