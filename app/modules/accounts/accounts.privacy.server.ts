import { petitionPersonalData } from "~/modules/petitions/petitions.privacy.server";
import { discussionPersonalData } from "~/modules/discussions/discussions.privacy.server";
import { moderationPersonalData } from "~/modules/participation/moderation.privacy.server";
import type { PersonalDataSource } from "./personal-data";

/**
 * Every domain that keeps data about a person: collected for download-my-data, erased on deletion.
 * Moderation goes first: it finds the person's contributions by author, which the others then clear.
 */
export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [moderationPersonalData, petitionPersonalData, discussionPersonalData];
