import { moderationPersonalData } from "~/modules/participation/moderation.privacy.server";
import { residentsPersonalData } from "~/modules/residents/residents.server";
import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import type { PersonalDataSource } from "./personal-data";

/**
 * Every domain that keeps data about a person: collected for download-my-data, erased on deletion.
 * Each kind declares its source in its manifest (personalData); registered by app/kinds.server.ts.
 * Moderation (the core's) goes first: it finds the person's contributions by author, which the
 * kinds' sources then clear. Resident verification keeps the date of birth and how the person was checked.
 */
export function personalDataSources(): readonly PersonalDataSource[] {
  return [moderationPersonalData, residentsPersonalData, ...registeredServerKinds().map((kind) => kind.personalData)];
}
