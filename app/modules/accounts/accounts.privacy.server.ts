import { petitionPersonalData } from "~/modules/petitions/petitions.privacy.server";
import { discussionPersonalData } from "~/modules/discussions/discussions.privacy.server";
import type { PersonalDataSource } from "./personal-data";

/** Every domain that keeps data about a person: collected for download-my-data, erased on deletion. */
export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [petitionPersonalData, discussionPersonalData];
