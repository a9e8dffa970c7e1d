import type { PersonalDataSource } from "~/modules/accounts/personal-data";

/** Signatures and petitions of a person, for download-my-data and account deletion. */
export const petitionPersonalData: PersonalDataSource = {
  name: "petitions",
  collect: () => ({}),
  erase: () => {},
};
