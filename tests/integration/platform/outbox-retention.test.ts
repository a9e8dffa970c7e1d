import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox } from "#db/schema";
import { db } from "~/utils/db.server";
import { expireOutboxMail } from "~/utils/email.server";

const DAY = 86_400_000;

function message(status: "pending" | "sent" | "failed", { sentDaysAgo = null, createdDaysAgo = 0 }: { sentDaysAgo?: number | null; createdDaysAgo?: number } = {}) {
  return db
    .insert(emailOutbox)
    .values({
      toAddress: "iemand@example.org",
      subject: "Stel uw wachtwoord opnieuw in",
      text: "Open http://localhost:3000/reset-password?token=geheim",
      html: "<p>token=geheim</p>",
      status,
      sentAt: sentDaysAgo === null ? null : new Date(Date.now() - sentDaysAgo * DAY),
      createdAt: new Date(Date.now() - createdDaysAgo * DAY),
    })
    .returning({ id: emailOutbox.id })
    .get().id;
}

const row = (id: number) => db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();

describe("mail in the outbox", async () => {
  it("loses its text and links a week after delivery, and keeps its envelope", async () => {
    const old = message("sent", { sentDaysAgo: 8, createdDaysAgo: 8 });
    const recent = message("sent", { sentDaysAgo: 2, createdDaysAgo: 2 });
    const pending = message("pending");
    expect(await expireOutboxMail()).toEqual({ blanked: 1, deleted: 0 });
    expect(row(old)).toMatchObject({ text: "", html: "", subject: "Stel uw wachtwoord opnieuw in", toAddress: "iemand@example.org", status: "sent" });
    expect(row(recent)!.text).toContain("token=geheim");
    expect(row(pending)!.text).toContain("token=geheim");
    expect(await expireOutboxMail()).toEqual({ blanked: 0, deleted: 0 });
  });

  it("gives up mail that could not be delivered within a week (SMTP down or absent), blanked the same way", async () => {
    const stuck = message("pending", { createdDaysAgo: 8 });
    const failed = message("failed", { createdDaysAgo: 9 });
    const fresh = message("pending", { createdDaysAgo: 1 });
    expect((await expireOutboxMail()).blanked).toBe(2);
    expect(row(stuck)).toMatchObject({ text: "", html: "", status: "failed", lastError: "not delivered within a week" });
    expect(row(failed)).toMatchObject({ text: "", html: "", status: "failed" });
    expect(row(fresh)).toMatchObject({ status: "pending" });
    expect(row(fresh)!.text).toContain("token=geheim");
  });

  it("forgets the envelope after a year", async () => {
    const ancient = message("sent", { sentDaysAgo: 366, createdDaysAgo: 366 });
    const lastMonth = message("sent", { sentDaysAgo: 30, createdDaysAgo: 30 });
    expect((await expireOutboxMail()).deleted).toBe(1);
    expect(row(ancient)).toBeUndefined();
    expect(row(lastMonth)).toMatchObject({ subject: "Stel uw wachtwoord opnieuw in" });
  });
});
