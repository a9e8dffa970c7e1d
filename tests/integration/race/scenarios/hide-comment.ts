// Race scenario: a clerk hides a flagged comment (two clerks at once).
import { decideModeration } from "~/modules/participation/moderation.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { clerkId: string; commentId: number; reason: string }) {
  return decideModeration(findSessionUser(args.clerkId)!, { targetType: "comment", targetId: args.commentId, decision: "hide", reason: args.reason });
}
