import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox } from "#db/schema";
import { db } from "~/utils/db.server";
import { blankDeliveredMail } from "~/utils/email.server";

const DAY = 86_400_000;

function message(status: "pending" | "sent" | "failed", sentDaysAgo: number | null) {
  return db
    .insert(emailOutbox)
    .values({
      toAddress: "iemand@example.org",
      subject: "Stel uw wachtwoord opnieuw in",
      text: "Open http://localhost:3000/reset-password?token=geheim",
      html: "<p>token=geheim</p>",
      status,
      sentAt: sentDaysAgo === null ? null : new Date(Date.now() - sentDaysAgo * DAY),
    })
    .returning({ id: emailOutbox.id })
    .get().id;
}

const row = (id: number) => db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;

describe("sent mail in the outbox", () => {
  it("loses its text and links a week after delivery, and keeps its envelope", () => {
    const old = message("sent", 8);
    const recent = message("sent", 2);
    const pending = message("pending", null);
    expect(blankDeliveredMail()).toBe(1);
    expect(row(old)).toMatchObject({ text: "", html: "", subject: "Stel uw wachtwoord opnieuw in", toAddress: "iemand@example.org", status: "sent" });
    expect(row(recent).text).toContain("token=geheim");
    expect(row(pending).text).toContain("token=geheim");
    expect(blankDeliveredMail()).toBe(0);
  });
});
