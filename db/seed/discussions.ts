import type { SeedContext } from "../seed";

/** Demo discussions with threads, stances and flags (issue "Discussions and moderation"). */
export async function seedDiscussions(_ctx: SeedContext): Promise<void> {}
