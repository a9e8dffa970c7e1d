// Issue #9 points 3, 4 and 5: what typed text may hold, decided once in parseForm, and user text
// isolated where it is shown.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { comments, topics, users } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as newDiscussionRoute from "~/routes/discussions.new";
import * as profileRoute from "~/routes/profile";
import * as registerRoute from "~/routes/register";
import { db } from "~/utils/db.server";
import { translator } from "~/i18n";
import { noticeText } from "~/modules/notifications/notice-format";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { createTestApp } from "../../support/handler";
import { newDiscussion, topicRow } from "../discussions/helpers";
import { uniqueEmail, uniqueIp } from "../accounts/helpers";

const RLO = "\u202E";

describe("a tampered form", () => {
  it("cannot publish a comment made only of control characters, noncharacters and a lone surrogate", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const result = await callRoute(commentsRoute, {
      path: `/topics/${topicId}/comments`,
      params: { id: String(topicId) },
      form: { intent: "post", body: "\u0000\u0001\uFFFF\uD800 \u0007" },
      cookie: anna.cookie,
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.body).toBe("Schrijf eerst uw reactie.");
    expect(db.select().from(comments).where(eq(comments.topicId, topicId)).all()).toEqual([]);
    expect(topicRow(topicId).commentCount).toBe(0);
  });

  it("stores text as NFC with its line breaks, without the control characters around it", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const result = await callRoute(commentsRoute, {
      path: `/topics/${topicId}/comments`,
      params: { id: String(topicId) },
      form: { intent: "post", body: "Cafe\u0301\u0000 aan\r\nhet plein\u001b" },
      cookie: anna.cookie,
    });
    expect(result.status).toBe(302);
    const row = db.select().from(comments).where(eq(comments.topicId, topicId)).get()!;
    expect(row.body).toBe("Café aan\nhet plein");
  });
});

describe("names and titles", () => {
  it("lose their bidirectional controls: a display name cannot reverse the text after it", async () => {
    const person = await createPerson();
    const result = await callRoute(profileRoute, {
      path: "/profile",
      form: { intent: "update", displayName: `Jan${RLO}nimda\u2066`, locale: "nl", emailPreference: "immediate" },
      cookie: person.cookie,
    });
    expect(result.status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.displayName).toBe("Jannimda");
  });

  it("a title of only bidi controls and spaces is refused as empty, beside the field", async () => {
    const anna = await createPerson();
    const result = await callRoute(newDiscussionRoute, {
      path: "/discussions/new",
      form: { title: `${RLO}\u202C \u2067 `, body: "Waarom niet?" },
      cookie: anna.cookie,
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.title).toBe("Vul dit veld in.");
    const title = `Meer bomen${RLO} in het park`;
    const saved = await callRoute(newDiscussionRoute, { path: "/discussions/new", form: { title, body: "Waarom niet?" }, cookie: anna.cookie });
    expect(saved.status).toBe(302);
    const id = Number(saved.location!.split("/").pop());
    expect(db.select().from(topics).where(eq(topics.id, id)).get()!.title).toBe("Meer bomen in het park");
  });

  it("are isolated where they are shown: comment headers in <bdi>, inbox lines and toasts in FSI/PDI", async () => {
    const app = await createTestApp();
    const { topicId } = await newDiscussion();
    const anna = await createPerson({ name: "Anna" });
    await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "Hallo" }, cookie: anna.cookie });
    const html = await (await app.get(`/discussions/${topicId}`)).text();
    expect(html).toMatch(/<strong><bdi>Anna<\/bdi><\/strong>/);
    const line = noticeText(translator("nl"), "petition.notification.closed", { title: "Bankjes", count: 3 }, { isolate: true });
    expect(line).toContain("\u2068Bankjes\u2069");
  });
});

describe("an email address", () => {
  it("whose local part folds to nothing (+alice@gmail.com) is refused beside the field, and no account is made", async () => {
    const result = await callRoute(registerRoute, {
      path: "/register",
      form: { displayName: "Alice", email: "+alice@gmail.com", password: "correct horse battery", locale: "nl" },
      ip: uniqueIp(),
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.email).toBeTruthy();
    expect(db.select().from(users).where(eq(users.emailCanonical, "@gmail.com")).all()).toEqual([]);
    const ok = await callRoute(registerRoute, {
      path: "/register",
      form: { displayName: "Alice", email: uniqueEmail("alice").replace("@", "+raad@"), password: "correct horse battery", locale: "nl" },
      ip: uniqueIp(),
    });
    expect(ok.status).toBe(302);
  });
});
