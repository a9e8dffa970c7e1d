// Deleting an account blanks what clerks wrote about the person (issue 9, point 8): block reasons,
// audit reasons and before/after, moderation reasons; the action, its code and its date stay.
import { describe, expect, it } from "vitest";
import { eraseDeletedAccounts } from "~/modules/accounts/accounts.privacy.server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog, moderationActions, users } from "#db/schema";
import { deleteAccount } from "~/modules/accounts/accounts.server";
import { blockUser } from "~/modules/participation/blocks.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import * as privacy from "~/routes/privacy";
import { db } from "~/utils/db.server";
import { callRoute } from "../../support/routes";
import { createPerson, TEST_PASSWORD } from "../../support/fixtures";
import { actorOf, comment, newDiscussion } from "../discussions/helpers";
import { makePetition } from "../petitions/helpers";

const NAME = "Jantje Zwartkop";

/** Every audit and moderation row that mentions the person's name anywhere. */
function mentions(): string[] {
  const audit = db
    .select({ id: auditLog.id, action: auditLog.action })
    .from(auditLog)
    .where(sql`coalesce(${auditLog.reason}, '') || coalesce(${auditLog.before}, '') || coalesce(${auditLog.after}, '') LIKE ${`%${NAME}%`}`)
    .all()
    .map((r) => `audit ${r.action}`);
  const actions = db
    .select({ action: moderationActions.action })
    .from(moderationActions)
    .where(sql`coalesce(${moderationActions.reason}, '') LIKE ${`%${NAME}%`}`)
    .all()
    .map((r) => `moderation ${r.action}`);
  return [...audit, ...actions];
}

describe("deleting an account", () => {
  it("blanks the free text clerks wrote about the person and keeps each action, its code and date", async () => {
    const person = await createPerson({ name: NAME });
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    const { topicId } = await newDiscussion();
    const commentId = comment(person, topicId, "Iets onaardigs");
    expect(decideModeration(clerk, { targetType: "comment", targetId: commentId, decision: "hide", reason: `Reactie van ${NAME} is beledigend` }).ok).toBe(true);
    const { id: petitionId } = await makePetition({ author: person, stage: "submitted" });
    expect(rejectPetition(clerk, petitionId, { code: "other", note: `${NAME} vraagt iets over de buren` }).ok).toBe(true);
    expect(blockUser(clerk, { userId: person.id, reason: `${NAME} scheldt iedereen uit` }).ok).toBe(true);
    // Someone else's record is not touched.
    const other = await createPerson({ name: "Iemand Anders" });
    expect(blockUser(clerk, { userId: other.id, reason: "Iemand Anders scheldt ook" }).ok).toBe(true);
    expect(mentions().length).toBeGreaterThanOrEqual(4);
    const before = db.select({ id: auditLog.id, action: auditLog.action, createdAt: auditLog.createdAt }).from(auditLog).where(sql`${auditLog.entityId} IN (${person.id}, ${String(commentId)}, ${String(petitionId)})`).all();

    expect((await deleteAccount(person.id, TEST_PASSWORD)).ok).toBe(true);
    await eraseDeletedAccounts(new Date(), { budgetMs: Infinity });

    expect(mentions()).toEqual([]);
    expect(db.select({ reason: users.blockedReason }).from(users).where(eq(users.id, person.id)).get()!.reason).toBeNull();
    const after = db.select({ id: auditLog.id, action: auditLog.action, createdAt: auditLog.createdAt }).from(auditLog).where(inArray(auditLog.id, before.map((b) => b.id))).all();
    expect(after).toEqual(before);
    const block = db.select().from(auditLog).where(and(eq(auditLog.action, "user.block"), eq(auditLog.entityId, person.id))).get()!;
    expect(block.reason).toBeNull();
    expect(block.after).toMatchObject({ blockedUntil: null });
    expect(block.after).not.toHaveProperty("blockedReason");
    expect(db.select().from(moderationActions).where(and(eq(moderationActions.targetType, "comment"), eq(moderationActions.targetId, String(commentId)))).get()).toMatchObject({ action: "hide", reason: null });
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "user.block"), eq(auditLog.entityId, other.id))).get()!.reason).toBe("Iemand Anders scheldt ook");
  });

  it("the privacy statement says so", async () => {
    for (const [locale, words] of [["nl", "vrije tekst"], ["en", "free text"]] as const) {
      const page = await callRoute(privacy, { path: "/privacy", headers: { "Accept-Language": locale } });
      expect(page.data.html).toContain(words);
    }
  });
});
