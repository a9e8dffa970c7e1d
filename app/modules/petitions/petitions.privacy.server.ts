import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import { collectPetitionData, erasePetitionData } from "./petitions.server";

/**
 * Signatures and petitions of a person, for download-my-data and account deletion. Signatures are
 * matched by account and by the canonical email (guest signatures with the same address).
 * Erasing anonymises the signatures but keeps them counted; authored petitions stay with the author id.
 */
export const petitionPersonalData: PersonalDataSource = {
  name: "petitions",
  collect: (db, userId) => collectPetitionData(db, userId),
  erase: (tx, userId) => erasePetitionData(tx, userId),
};
