import type { SeedContext } from "../seed";

/** Demo petitions in every state (issue "Petitions"). */
export async function seedPetitions(_ctx: SeedContext): Promise<void> {}
