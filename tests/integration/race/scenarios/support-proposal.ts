// Race scenario: a resident supports an agenda proposal from one of two worker processes at once
// (two residents who each bring it to its threshold, or one person's double submit).
import { proposalSupportSpec } from "~/modules/proposals/proposals.support.server";
import { supportTopic } from "~/modules/support/support.topics.server";

export default function run(args: { userId: string; topicId: number }) {
  return supportTopic(proposalSupportSpec, { id: args.userId }, args.topicId);
}
