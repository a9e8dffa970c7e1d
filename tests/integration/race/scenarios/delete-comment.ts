// Race scenario: the author deletes their comment (a double submit).
import { deleteComment } from "~/modules/participation/comments.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { personId: string; topicId: number; commentId: number }) {
  return deleteComment(findSessionUser(args.personId)!, { topicId: args.topicId, commentId: args.commentId });
}
