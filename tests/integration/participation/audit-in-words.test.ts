// The audit log in words (issue 9, point 12): what changed, with links to the person and the item,
// not raw JSON and internal ids ("Deelnemer demo-resident", "Reactie 12").
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "~/routes/audit";
import { blockUser } from "~/modules/participation/blocks.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { createTestApp, CookieJar, type TestApp } from "../../support/handler";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { actorOf, comment, newDiscussion } from "../discussions/helpers";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

describe("the audit log", () => {
  it("names the person and the item and links them, and says what changed in words", async () => {
    const clerkPerson = await createPerson({ roles: ["clerk"] });
    const clerk = actorOf(clerkPerson);
    const person = await createPerson({ name: "Karel Klaagmans" });
    const { topicId } = await newDiscussion(undefined, "Bankjes in het Vondelpark");
    const commentId = comment(person, topicId, "Onzin");
    expect(decideModeration(clerk, { targetType: "comment", targetId: commentId, decision: "hide", reason: "Beledigend" }).ok).toBe(true);
    expect(blockUser(clerk, { userId: person.id, reason: "Blijft schelden" }).ok).toBe(true);

    const page = await callRoute(auditRoute, { path: `/audit?actor=${clerkPerson.id}`, cookie: clerkPerson.cookie });
    const [block, hide] = page.data.rows;
    expect(block.subject).toEqual({ kind: "person", id: person.id, name: "Karel Klaagmans" });
    expect(block.changes.map((c: { field: string }) => c.field)).toContain("Geblokkeerd sinds");
    expect(hide.subject).toEqual({ kind: "comment", id: String(commentId), topicTitle: "Bankjes in het Vondelpark", path: `/discussions/${topicId}#comment-${commentId}` });
    expect(hide.changes).toContainEqual({ field: "Verborgen", from: "nee", to: "ja" });
    for (const row of page.data.rows) {
      expect(row).not.toHaveProperty("before");
      expect(row).not.toHaveProperty("after");
    }

    const html = await (await app.get(`/audit?actor=${clerkPerson.id}`, { cookieJar: new CookieJar(clerkPerson.cookie) })).text();
    expect(html).toContain(`href="/moderation/blocks?user=${person.id}"`);
    expect(html).toContain(`href="/discussions/${topicId}#comment-${commentId}"`);
    expect(html).toContain("Reactie bij ‘Bankjes in het Vondelpark’");
    expect(html).not.toContain(`Deelnemer ${person.id}`);
    expect(html).not.toContain(`Reactie ${commentId}<`);
    expect(html).not.toMatch(/&quot;hidden&quot;|"hiddenBy":/);
  });

  it("does not send an admin to the blocks page, which is the clerks'", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const html = await (await app.get(`/audit?action=role.assign`, { cookieJar: new CookieJar(admin.cookie) })).text();
    expect(html).not.toContain("/moderation/blocks?user=");
  });
});
