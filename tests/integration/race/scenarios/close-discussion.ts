// Race scenario: a clerk closes a discussion with a conclusion (a double submit, or two clerks).
import { closeDiscussion } from "~/modules/discussions/discussions.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { clerkId: string; topicId: number; conclusion: string }) {
  return closeDiscussion(findSessionUser(args.clerkId)!, { topicId: args.topicId, conclusion: args.conclusion });
}
