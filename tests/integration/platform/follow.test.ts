import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { follows, topics, users } from "#db/schema";
import * as follow from "~/routes/topics.$id.follow";
import { insertTopic, isFollowing } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";

const newTopic = (values: { isPublic?: boolean; hidden?: boolean; status?: string } = {}) => {
  const id = db.transaction((tx) => insertTopic(tx, { kind: "petition", title: "Volgbaar", authorId: null, status: values.status ?? "open", isPublic: values.isPublic ?? true }));
  if (values.hidden) db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
  return id;
};
const followerCount = (id: number) => db.select({ n: topics.followerCount }).from(topics).where(eq(topics.id, id)).get()!.n;
const rows = (id: number) => db.select({ n: sql<number>`count(*)` }).from(follows).where(eq(follows.topicId, id)).get()!.n;

describe("following a topic", () => {
  it("follows once however often it is asked, and unfollows, keeping the counter equal to the rows", async () => {
    const person = await createPerson();
    const id = newTopic();
    const path = `/topics/${id}/follow`;
    const first = await callRoute(follow, { path, params: { id: String(id) }, cookie: person.cookie, form: { intent: "follow" } });
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/petitions/${id}`);
    await Promise.all(Array.from({ length: 5 }, () => callRoute(follow, { path, params: { id: String(id) }, cookie: person.cookie, form: { intent: "follow" } })));
    expect(isFollowing(person.id, id)).toBe(true);
    expect(followerCount(id)).toBe(1);
    expect(rows(id)).toBe(1);

    await callRoute(follow, { path, params: { id: String(id) }, cookie: person.cookie, form: { intent: "unfollow" } });
    await callRoute(follow, { path, params: { id: String(id) }, cookie: person.cookie, form: { intent: "unfollow" } });
    expect(followerCount(id)).toBe(0);
    expect(rows(id)).toBe(0);
  });

  it("is for signed-in people who are not blocked", async () => {
    const id = newTopic();
    await expectPermissions({
      route: follow,
      request: () => ({ path: `/topics/${id}/follow`, params: { id: String(id) }, form: { intent: "follow" } }),
      allowed: ["resident", "clerk", "councillor", "admin"],
    });
    const blocked = await createPerson();
    db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id)).run();
    const refused = await callRoute(follow, { path: `/topics/${id}/follow`, params: { id: String(id) }, cookie: blocked.cookie, form: { intent: "follow" } });
    expect(refused.status).toBe(403);
    expect(isFollowing(blocked.id, id)).toBe(false);
  });

  it("a rejected topic cannot be followed by a direct post (its page offers no button), but a follower can still stop", async () => {
    const person = await createPerson();
    const id = newTopic({ status: "rejected" });
    const refused = await callRoute(follow, { path: `/topics/${id}/follow`, params: { id: String(id) }, cookie: person.cookie, form: { intent: "follow" } });
    expect(refused.status).toBe(403);
    expect(isFollowing(person.id, id)).toBe(false);
    expect(followerCount(id)).toBe(0);
    // Followed while it was open, then rejected.
    const earlier = newTopic();
    await callRoute(follow, { path: `/topics/${earlier}/follow`, params: { id: String(earlier) }, cookie: person.cookie, form: { intent: "follow" } });
    db.update(topics).set({ status: "rejected" }).where(eq(topics.id, earlier)).run();
    const left = await callRoute(follow, { path: `/topics/${earlier}/follow`, params: { id: String(earlier) }, cookie: person.cookie, form: { intent: "unfollow" } });
    expect(left.status).toBe(302);
    expect(isFollowing(person.id, earlier)).toBe(false);
  });

  it.each([
    ["a tampered id", "abc", 404],
    ["a missing topic", "987654", 404],
  ])("%s is a 404", async (_name, id, status) => {
    const person = await createPerson();
    const result = await callRoute(follow, { path: `/topics/${id}/follow`, params: { id }, cookie: person.cookie, form: { intent: "follow" } });
    expect(result.status).toBe(status);
  });

  it("hidden and non-public topics cannot be followed (404), and a bad intent is a 400", async () => {
    const person = await createPerson();
    for (const id of [newTopic({ hidden: true }), newTopic({ isPublic: false })]) {
      const result = await callRoute(follow, { path: `/topics/${id}/follow`, params: { id: String(id) }, cookie: person.cookie, form: { intent: "follow" } });
      expect(result.status).toBe(404);
      expect(followerCount(id)).toBe(0);
    }
    const id = newTopic();
    const bad = await callRoute(follow, { path: `/topics/${id}/follow`, params: { id: String(id) }, cookie: person.cookie, form: { intent: "subscribe" } });
    expect(bad.status).toBe(400);
  });
});
