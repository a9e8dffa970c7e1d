// Race scenario: a comment posted twice with one form's submission key (a double click on two workers).
import { postComment } from "~/modules/participation/comments.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { personId: string; topicId: number; body: string; submissionKey: string }) {
  return postComment(findSessionUser(args.personId)!, { topicId: args.topicId, body: args.body, submissionKey: args.submissionKey });
}
