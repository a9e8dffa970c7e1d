import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import type { PersonalDataSource } from "./personal-data";

/**
 * Every domain that keeps data about a person: collected for download-my-data, erased on deletion.
 * Each kind declares its source in its manifest (personalData); registered by app/kinds.server.ts.
 */
export function personalDataSources(): readonly PersonalDataSource[] {
  return registeredServerKinds().map((kind) => kind.personalData);
}
