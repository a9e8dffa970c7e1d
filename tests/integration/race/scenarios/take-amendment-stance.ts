// Race scenario: one person supports or opposes an amendment from two worker processes at once
// (a double click landing on two workers, or two tabs pressing different buttons).
import { takeAmendmentStance } from "~/modules/bylaws/bylaws.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { userId: string; topicId: number; amendmentId: number; stance: "support" | "oppose" }) {
  return takeAmendmentStance(findSessionUser(args.userId)!, { topicId: args.topicId, amendmentId: args.amendmentId, stance: args.stance });
}
