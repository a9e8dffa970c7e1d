// Race scenario: one person replies to a comment while its author deletes it.
import { deleteComment, postComment } from "~/modules/participation/comments.server";
import { findSessionUser } from "~/utils/auth.server";

type Args = { op: "reply"; personId: string; topicId: number; parentId: number; body: string } | { op: "delete"; personId: string; topicId: number; commentId: number };

export default function run(args: Args) {
  const actor = findSessionUser(args.personId)!;
  if (args.op === "reply") return postComment(actor, { topicId: args.topicId, parentId: args.parentId, body: args.body });
  return deleteComment(actor, { topicId: args.topicId, commentId: args.commentId });
}
