import { z } from "zod";
import { INADMISSIBLE_REASONS, PROPOSAL_STATES } from "#db/schema/proposals.constants";
import { DECISION_MAX, DECISION_MIN, NOTE_MAX, REASONS_MAX, TITLE_MAX, TITLE_MIN } from "./proposals.rules";

/** An optional whole number from a select or text field: empty is none, anything else must be a positive id. */
const optionalId = (message: "proposal.error.unknownNeighbourhood" | "proposal.error.earlierNotFound") =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.union([z.null(), z.string().trim().regex(/^[1-9]\d{0,15}$/, message).transform(Number)]),
  );

export const ProposalForm = z.object({
  title: z.string().trim().min(TITLE_MIN).max(TITLE_MAX),
  decision: z.string().trim().min(DECISION_MIN).max(DECISION_MAX),
  reasons: z.string().trim().min(1).max(REASONS_MAX),
  neighbourhoodId: optionalId("proposal.error.unknownNeighbourhood").default(null),
});

export const AdmissibilityForm = z
  .object({
    decision: z.enum(["admissible", "inadmissible"], { errorMap: () => ({ message: "proposal.check.chooseDecision" }) }),
    reason: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INADMISSIBLE_REASONS).optional()),
    note: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(NOTE_MAX).nullable().default(null)),
    earlierTopicId: optionalId("proposal.error.earlierNotFound").default(null),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "inadmissible" && !v.reason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "proposal.check.reasonRequired" });
    if (v.decision === "inadmissible" && !v.note) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "proposal.check.noteRequired" });
  });

export const ProposalListQuery = z.object({
  status: z.enum(PROPOSAL_STATES).optional().catch(undefined),
});

