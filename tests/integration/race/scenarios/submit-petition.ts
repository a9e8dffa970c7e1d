// Race scenario: the petitioner hands in their draft (a double submit).
import { submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { findSessionUser } from "~/utils/auth.server";

export default function run(args: { personId: string; topicId: number }) {
  return submitPetition(findSessionUser(args.personId)!, args.topicId);
}
