// Race scenario: the council's decision on an agenda item, recorded from two worker processes at
// once (a clerk's double submit, or two clerks at the same moment).
import { recordCouncilDecision } from "~/modules/council/council.decisions.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { userId: string; meetingId: number; itemId: number; body: string }) {
  return recordCouncilDecision(findSessionUser(args.userId)!, { meetingId: args.meetingId, itemId: args.itemId }, { decision: "adopted", body: args.body, decidedAt: new Date() });
}
