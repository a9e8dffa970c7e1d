// Race scenario: one person casts a ballot from two worker processes at once (two tabs, a double
// submit landing on two workers), or two people at the same moment.
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { userId: string; topicId: number; code: string; optionIds: number[] }) {
  return castBallot(findSessionUser(args.userId)!, { topicId: args.topicId, code: args.code, optionIds: args.optionIds });
}
