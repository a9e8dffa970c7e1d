import type { PersonalDataSource } from "~/modules/accounts/personal-data";

/** Comments, upvotes and flags of a person, for download-my-data and account deletion. */
export const discussionPersonalData: PersonalDataSource = {
  name: "discussions",
  collect: () => ({}),
  erase: () => {},
};
