// Race scenario: a clerk blocks a person (a double submit, or two clerks at once).
import { blockUser } from "~/modules/participation/blocks.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { clerkId: string; userId: string; reason: string }) {
  return blockUser(findSessionUser(args.clerkId)!, { userId: args.userId, reason: args.reason });
}
