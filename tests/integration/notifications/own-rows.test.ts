import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox, notifications, users } from "#db/schema";
import { withdrawCommentNotices } from "~/modules/participation/comments.notices.server";
import { listNotifications } from "~/modules/notifications/notifications.server";
import { sqlite, db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { comment, newDiscussion } from "../discussions/helpers";

// Notifications own their rows: what a notice is about (a comment) and whose act it tells of are
// real, indexed columns. Withdrawing or erasing never parses JSON or dedupe keys, and no name is
// copied into a notice, so renaming or deleting an account shows at once in every inbox.

describe("a notice about a comment", () => {
  it("says what it concerns and who acted in columns, and copies no name", async () => {
    const { topicId, author } = await newDiscussion();
    const replier = await createPerson({ name: "Fenna Replier" });
    const first = comment(author, topicId, "Meer bomen graag.");
    const reply = comment(replier, topicId, "Eens, en schaduw.", first);
    const row = db.select().from(notifications).where(eq(notifications.userId, author.id)).get()!;
    expect(row).toMatchObject({ type: "comment.notice.reply", concerns: `comment:${reply}`, actorId: replier.id });
    expect(row.data).not.toHaveProperty("name");
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, author.email)).get()!;
    expect(mail).toMatchObject({ concerns: `comment:${reply}`, actorId: replier.id });
    expect(mail.subject).toContain("Fenna Replier");

    // The inbox reads the name now: a new name shows at once.
    expect(listNotifications(author.id)[0]!.data.name).toBe("Fenna Replier");
    db.update(users).set({ displayName: "Fenna R." }).where(eq(users.id, replier.id)).run();
    expect(listNotifications(author.id)[0]!.data.name).toBe("Fenna R.");
  });

  it("is withdrawn, with its waiting mail, through the concerns index", async () => {
    const { topicId, author } = await newDiscussion();
    const replier = await createPerson();
    const reply = comment(replier, topicId, "Een antwoord.", comment(author, topicId, "Een vraag."));
    expect(db.select().from(notifications).where(eq(notifications.concerns, `comment:${reply}`)).all()).toHaveLength(1);
    db.transaction((tx) => withdrawCommentNotices(tx, [reply]));
    expect(db.select().from(notifications).where(eq(notifications.concerns, `comment:${reply}`)).all()).toEqual([]);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.concerns, `comment:${reply}`)).all()).toEqual([]);
    for (const table of ["notifications", "email_outbox"]) {
      const plan = sqlite().prepare(`EXPLAIN QUERY PLAN DELETE FROM ${table} WHERE concerns IN (?, ?)`).all("comment:1", "comment:2") as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(" ")).toContain(`${table}_concerns_idx`);
    }
  });
});
