import { moderationPersonalData } from "~/modules/participation/moderation.privacy.server";
import { supportPersonalData } from "~/modules/support/support.topics.server";
import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import type { PersonalDataSource } from "./personal-data";

/**
 * Every domain that keeps data about a person: collected for download-my-data, erased on deletion.
 * Each kind declares its source in its manifest (personalData); registered by app/kinds.server.ts.
 * Moderation (the core's) goes first: it finds the person's contributions by author, which the
 * kinds' sources then clear. The support module keeps the supporters of kinds without a table of
 * their own (supports).
 */
export function personalDataSources(): readonly PersonalDataSource[] {
  return [moderationPersonalData, supportPersonalData, ...registeredServerKinds().map((kind) => kind.personalData)];
}
