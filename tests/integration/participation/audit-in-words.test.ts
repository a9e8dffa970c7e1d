// The audit log in words (issue 9, point 12): what changed, with links to the person and the item,
// not raw JSON and internal ids ("Deelnemer demo-resident", "Reactie 12").
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "~/routes/audit";
import { blockUser } from "~/modules/participation/blocks.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { closeDiscussion } from "~/modules/discussions/discussions.server";
import { createPetition, publishPetition, submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
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

  it("keeps every kind's entries under the topic, named with the kind's word, its title linked and its status in the kind's words", async () => {
    const clerkPerson = await createPerson({ roles: ["clerk"] });
    const clerk = actorOf(clerkPerson);
    const { topicId: discussionId } = await newDiscussion(undefined, "Een hondenlosloopgebied in Oost?");
    expect(closeDiscussion(clerk, { topicId: discussionId, conclusion: "Er komt er een bij de vijver." }).ok).toBe(true);
    const author = await createPerson();
    const created = createPetition(actorOf(author), { title: "Meer bankjes in het Zuiderpark", request: "Wij vragen de raad om meer bankjes.", background: "" });
    if (!created.ok) throw new Error(created.reason);
    expect(submitPetition(actorOf(author), created.topicId).ok).toBe(true);
    expect(publishPetition(clerk, created.topicId).ok).toBe(true);

    const page = await callRoute(auditRoute, { path: `/audit?actor=${clerkPerson.id}`, cookie: clerkPerson.cookie });
    const [published, closed] = page.data.rows;
    expect(published.entityType).toBe("topic");
    expect(published.subject).toMatchObject({ kind: "topic", title: "Meer bankjes in het Zuiderpark", path: `/petitions/${created.topicId}`, topicKind: "petition", kindLabel: "topic.kind.petition" });
    expect(published.changes).toContainEqual({ field: "Status", from: "Ingediend, wordt beoordeeld", to: "Open" });
    expect(closed.entityType).toBe("topic");
    expect(closed.subject).toMatchObject({ kind: "topic", path: `/discussions/${discussionId}`, topicKind: "discussion", kindLabel: "topic.kind.discussion" });

    const html = await (await app.get(`/audit?actor=${clerkPerson.id}`, { cookieJar: new CookieJar(clerkPerson.cookie) })).text();
    // React separates the word and the colon with an empty comment.
    expect(html).toMatch(new RegExp(`Petitie(<!-- -->)?: <a [^>]*href="/petitions/${created.topicId}"[^>]*>Meer bankjes in het Zuiderpark</a>`));
    expect(html).toMatch(new RegExp(`Discussie(<!-- -->)?: <a [^>]*href="/discussions/${discussionId}"`));
  });

  it("does not send an admin to the blocks page, which is the clerks'", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const html = await (await app.get(`/audit?action=role.assign`, { cookieJar: new CookieJar(admin.cookie) })).text();
    expect(html).not.toContain("/moderation/blocks?user=");
  });
});
