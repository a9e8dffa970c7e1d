// Casting a ballot under the secret ballot (docs/decisions/005): one transaction records that the
// person voted (vote_participations, primary key (topic, user): the one-ballot rule, across worker
// processes too) and, apart from it, the ballot under its random code with its choices
// (ballots, ballot_choices: no user, no time, no order of arrival), and bumps the counts.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { ballotChoices, ballots, users, voteOptions, voteParticipations, votes, voteTurnoutCounts } from "#db/schema";
import type { MessageKey, MessageParams } from "~/i18n";
import { eligibility, type IneligibleReason, type NeighbourhoodRange } from "~/modules/residents/eligibility.rules";
import { sqlite, writeTogether, type DB, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import { localDay, startOfLocalDay } from "~/utils/local-time";
import { tookPart } from "~/modules/topics/participations.server";
import type { Actor } from "~/utils/permissions";
import type { Toast } from "~/utils/toast.server";
import { ballotCodeOf, checkBallot, type BallotProblem } from "./votes.rules";
import { eligibilityRuleOf, neighbourhoodRanges, phaseOf, type VoteRow } from "./votes.server";

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

type Statement = import("better-sqlite3").Statement;

/**
 * The statements of casting, prepared once per connection: a crowd votes at once, and building each
 * query through the ORM cost more than running it (a profile of the bench: two thirds of a cast).
 * They run on the connection of the group commit's transaction, so inside it.
 */
type CastingStatements = Record<"vote" | "codeCast" | "voted" | "person" | "neighbourhoods" | "options" | "participate" | "ballot" | "choice" | "countOption" | "countBallot" | "turnout", Statement>;
let prepared: { raw: ReturnType<typeof sqlite>; q: CastingStatements } | undefined;
function statements(): CastingStatements {
  const raw = sqlite();
  if (prepared?.raw !== raw) {
    prepared = { raw, q: {
      vote: raw.prepare(
        `SELECT t.id, t.title, t.status, t.is_public AS isPublic, t.hidden, t.closes_at AS closesAt, v.ballot_type AS ballotType, v.max_choices AS maxChoices,
                v.budget, v.min_projects AS minProjects, v.max_projects AS maxProjects, v.opens_at AS opensAt, v.eligible_who AS eligibleWho,
                v.minimum_age AS minimumAge, v.neighbourhood_id AS neighbourhoodId
           FROM votes v JOIN topics t ON t.id = v.topic_id WHERE v.topic_id = ? AND t.kind = 'vote'`,
      ),
      codeCast: raw.prepare("SELECT 1 AS one FROM ballots WHERE topic_id = ? AND code = ?"),
      voted: raw.prepare("SELECT 1 AS one FROM vote_participations WHERE topic_id = ? AND user_id = ?"),
      person: raw.prepare(
        "SELECT email, locale, display_name AS name, email_verified_at AS emailVerifiedAt, resident_verified_at AS residentVerifiedAt, birth_date AS birthDate, postcode FROM users WHERE id = ?",
      ),
      neighbourhoods: raw.prepare("SELECT id, postcode_from AS postcodeFrom, postcode_to AS postcodeTo FROM neighbourhoods"),
      options: raw.prepare("SELECT id, cost FROM vote_options WHERE topic_id = ?"),
      participate: raw.prepare("INSERT INTO vote_participations (topic_id, user_id, voted_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
      ballot: raw.prepare("INSERT INTO ballots (topic_id, code) VALUES (?, ?)"),
      choice: raw.prepare("INSERT INTO ballot_choices (topic_id, code, option_id) VALUES (?, ?, ?)"),
      countOption: raw.prepare("UPDATE vote_options SET vote_count = vote_count + 1 WHERE id = ? AND topic_id = ?"),
      countBallot: raw.prepare("UPDATE votes SET ballot_count = ballot_count + 1 WHERE topic_id = ?"),
      turnout: raw.prepare(
        "INSERT INTO vote_turnout_counts (topic_id, neighbourhood_id, count) VALUES (?, ?, 1) ON CONFLICT (topic_id, neighbourhood_id) DO UPDATE SET count = count + 1",
      ),
    } };
  }
  return prepared.q;
}

interface CastingVoteRow {
  id: number;
  title: string;
  status: string;
  isPublic: number;
  hidden: number;
  closesAt: number | null;
  ballotType: VoteRow["ballotType"];
  maxChoices: number | null;
  budget: number | null;
  minProjects: number | null;
  maxProjects: number | null;
  opensAt: number;
  eligibleWho: VoteRow["eligibleWho"];
  minimumAge: number | null;
  neighbourhoodId: number | null;
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
  const q = statements();
  const vote = q.vote.get(input.topicId) as CastingVoteRow | undefined;
  if (!vote || vote.hidden || !vote.isPublic) return { ok: false, reason: "not-found" };
  const codeCast = q.codeCast.get(vote.id, input.code) !== undefined;
  const voted = q.voted.get(vote.id, actor.id) !== undefined;
  // They are showing us a code from their own receipt page: answering it reveals nothing.
  if (codeCast && voted) return { ok: true, already: true, code: input.code };
  if (codeCast) return { ok: false, reason: "code-used" };
  if (voted) return { ok: false, reason: "already-voted" };
  const phase = phaseOf({ status: vote.status, opensAt: new Date(vote.opensAt), closesAt: vote.closesAt === null ? null : new Date(vote.closesAt) }, now);
  if (phase === "upcoming") return { ok: false, reason: "not-open-yet" };
  if (phase === "closed") return { ok: false, reason: "closed" };
  const person = q.person.get(actor.id) as
    | { email: string | null; locale: "nl" | "en"; name: string; emailVerifiedAt: number | null; residentVerifiedAt: number | null; birthDate: string | null; postcode: string | null }
    | undefined;
  if (!person) return { ok: false, reason: "not-found" };
  const eligible = eligibility(
    eligibilityRuleOf(vote),
    { emailConfirmed: person.emailVerifiedAt !== null, residentVerifiedAt: person.residentVerifiedAt === null ? null : new Date(person.residentVerifiedAt), birthDate: person.birthDate, postcode: person.postcode },
    q.neighbourhoods.all() as NeighbourhoodRange[],
    now,
  );
  if (!eligible.ok) return refusal(eligible.reason, vote, tx);
  const check = checkBallot(vote, q.options.all(vote.id) as Array<{ id: number; cost: number | null }>, input.optionIds);
  if (!check.ok) return refusal(check.problem, vote, tx);

  const day = localDay(now);
  if (q.participate.run(vote.id, actor.id, day).changes !== 1) return { ok: false, reason: "already-voted" };
  q.ballot.run(vote.id, input.code);
  for (const optionId of check.optionIds) {
    q.choice.run(vote.id, input.code, optionId);
    q.countOption.run(optionId, vote.id);
  }
  q.countBallot.run(vote.id);
  q.turnout.run(vote.id, eligible.neighbourhoodId);
  // On the person's own participation list, as the day they voted (what vote_participations keeps):
  // no moment of casting is stored anywhere a ballot could be lined up against.
  tookPart(tx, { userId: actor.id, topicId: vote.id, way: "voted", at: startOfLocalDay(day)! });
  // The receipt by email says that, where and on which day: never the code or the choice (the
  // outbox keeps recipient and body, which would link the person to the ballot).
  if (person.email && person.emailVerifiedAt) {
    enqueueEmail(tx, {
      to: person.email,
      locale: person.locale,
      name: person.name,
      subject: "vote.receipt.email.subject",
      params: { title: vote.title },
      paragraphs: [["vote.receipt.email.body", { title: vote.title, day }], ["vote.receipt.email.secret"]],
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

/** Where a cast ballot's answer sends the voter: the receipt page, which shows the code once. */
export function receiptPath(topicId: number): string {
  return `/votes/${topicId}/receipt`;
}

/** The code travels to the receipt page in the one-time signed message cookie, never in a URL (paths are logged). */
export function receiptToast(code: string): Toast {
  return { type: "success", message: "vote.receipt.toast", params: { code } };
}

/** A cast ballot's content by its code, for the receipt and the check after closing; null when no ballot has it. */
export function ballotByCode(tx: DB | Tx, topicId: number, code: string): number[] | null {
  const cast = tx.select({ code: ballots.code }).from(ballots).where(and(eq(ballots.topicId, topicId), eq(ballots.code, code))).get();
  if (!cast) return null;
  return tx.select({ optionId: ballotChoices.optionId }).from(ballotChoices).where(and(eq(ballotChoices.topicId, topicId), eq(ballotChoices.code, code))).all().map((r) => r.optionId);
}
