// A clerk imports a Pabulib file of approval ballots as a closed participatory budget: a vote held
// on paper, or an earlier year replayed under another rule. The file is read whole and checked
// first (votes.pabulib.ts, votes.import.rules.ts) and the outcome worked out before the write lock
// is taken; then one transaction writes the vote, its options, every ballot under a fresh random
// code (the file's voter ids are not kept: on paper they may be anything, even a name) and the
// outcome, so nothing is stored from a file that fails.
import { and, eq } from "drizzle-orm";
import { ballotChoices, ballots, topics, voteOptions, votes } from "#db/schema";
import type { BudgetRule } from "#db/schema/votes.constants";
import { insertTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import { compareAllocations, type AllocationRule } from "./allocation.rules";
import { newBallotCode } from "./votes.ballots.server";
import { countedOutcomeText } from "./votes.closing.server";
import { planPabulibImport, type ImportProblem } from "./votes.import.rules";
import type { PabulibInstance } from "./votes.pabulib";
import { comparisonRule, type BudgetResult } from "./votes.results.server";
import { voteTimeline } from "./votes.server";

export type ImportRefusal = ImportProblem | "submission-reused";

export const IMPORT_REFUSAL_MESSAGES: RefusalMessages<ImportRefusal> = {
  "import-too-few-projects": "vote.import.error.too-few-projects",
  "import-too-many-projects": "vote.import.error.too-many-projects",
  "import-budget-zero": "vote.import.error.budget-zero",
  "import-no-title": "vote.import.error.no-title",
  "submission-reused": "form.submissionInvalid",
};

export interface ImportInput {
  instance: PabulibInstance;
  /** The clerk's question; null to take the file's description. */
  title: string | null;
  body: string;
  allocationRule: BudgetRule;
  submissionKey: string | null;
  /** The uploaded file's name, for the audit log. */
  fileName: string;
}

/** Rows per insert statement: well under SQLite's limit on bound values. */
const ROWS_PER_INSERT = 300;

function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => void): void {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) write(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * Imports the file as a closed budget vote with its outcome under the chosen rule and the
 * comparison rule, as the closing job would have stored it. A ballot that approves nothing is left
 * out, as casting refuses one. With a submission key, a repeat of the same post answers with the
 * vote the first one made. Audited.
 */
export function importBudgetVote(actor: Actor, input: ImportInput, now = new Date()): Outcome<{ topicId: number }, ImportRefusal> & { field?: string } {
  const planned = planPabulibImport(input.instance, { title: input.title }, now);
  if (!planned.ok) return { ok: false, reason: planned.problem, field: planned.field };
  const plan = planned.plan;
  const cast = plan.ballots.filter((b) => b.length > 0);
  // Worked out on the projects' positions ("1", "2", ...): the options get ids in the same order,
  // so the ties fall as they would on the stored vote; mapped to those ids once they exist.
  const rule = input.allocationRule as AllocationRule;
  const other = comparisonRule(rule);
  const compared = compareAllocations(
    { budget: plan.budget, projects: plan.projects.map((p, i) => ({ id: String(i + 1), cost: p.cost })), ballots: cast.map((b) => b.map((i) => String(i + 1))) },
    [rule, other],
  );
  if (!compared.ok) throw new Error(`import: allocation refused a checked file (${compared.reason})`);
  const votesFor = new Array<number>(plan.projects.length).fill(0);
  for (const ballot of cast) for (const i of new Set(ballot)) votesFor[i]! += 1;
  const key = input.submissionKey;

  return db.transaction((tx): Outcome<{ topicId: number }, ImportRefusal> => {
    if (key) {
      const earlier = tx.select({ id: topics.id, kind: topics.kind }).from(topics).where(and(eq(topics.authorId, actor.id), eq(topics.submissionKey, key))).get();
      if (earlier) return earlier.kind === "vote" ? { ok: true, topicId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    const topicId = insertTopic(tx, { kind: "vote", title: plan.title, body: input.body, authorId: actor.id, status: "closed", isPublic: true, closesAt: plan.closesAt });
    tx.update(topics).set({ publishedAt: now, createdAt: now, updatedAt: now, closedAt: now, submissionKey: key }).where(eq(topics.id, topicId)).run();
    const optionIds = plan.projects.map(
      (p, position) =>
        tx
          .insert(voteOptions)
          .values({ topicId, position, title: p.title, description: "", cost: p.cost, imageUrl: null, imageAlt: null, linkedTopicId: null, voteCount: votesFor[position]! })
          .returning({ id: voteOptions.id })
          .get().id,
    );
    const idOf = (position: string) => String(optionIds[Number(position) - 1]!);
    const result: BudgetResult = {
      rule,
      comparedWith: other,
      projects: compared.projects.map((p) => ({ ...p, id: idOf(p.id) })),
      spent: Object.fromEntries(compared.allocations.map((a) => [a.rule, a.spent])),
    };
    tx.insert(votes)
      .values({
        topicId, ballotType: "budget", maxChoices: null, budget: plan.budget, minProjects: null, maxProjects: null, allocationRule: input.allocationRule,
        opensAt: plan.opensAt, eligibleWho: "confirmed-accounts", minimumAge: null, neighbourhoodId: null, resultsShown: "after-closing",
        ballotCount: cast.length, result: result as unknown as Record<string, unknown>, votersToldAt: now,
      })
      .run();
    const coded = cast.map((ballot) => ({ code: newBallotCode(), optionIds: [...new Set(ballot)].map((i) => optionIds[i]!) }));
    inChunks(coded, (chunk) => tx.insert(ballots).values(chunk.map((b) => ({ topicId, code: b.code }))).run());
    inChunks(
      coded.flatMap((b) => b.optionIds.map((optionId) => ({ topicId, code: b.code, optionId }))),
      (chunk) => tx.insert(ballotChoices).values(chunk).run(),
    );
    voteTimeline.record(tx, { topicId, type: "published", payload: {}, actor, at: now });
    voteTimeline.recordOutcome(tx, {
      topicId, type: "counted", payload: { ballots: cast.length }, actor, at: now,
      outcome: { type: "result", body: countedOutcomeText(cast.length, plan.projects.map((p, i) => ({ id: optionIds[i]!, title: p.title, voteCount: votesFor[i]! })), result) },
      audit: {
        action: "vote.import",
        after: { file: input.fileName.slice(0, 200), projects: plan.projects.length, ballots: cast.length, emptyBallotsLeftOut: plan.ballots.length - cast.length, budget: plan.budget, rule },
      },
    });
    return { ok: true, topicId };
  });
}
