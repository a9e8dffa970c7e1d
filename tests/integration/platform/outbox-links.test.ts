// An admin reading the outbox of a municipality that sends mail over SMTP sees what was sent, but
// not the links that act for the recipient: a password reset link there would let an admin take
// over any account (a clerk's too) without a trace, a signature confirmation link would let them
// confirm signatures for guests. Without SMTP (the demo) the outbox is how mail is read, links and all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { emailOutbox, topics } from "#db/schema";
import { seedDemo } from "#db/seed";
import { maskActionLinks } from "~/modules/accounts/admin.server";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { signPetitionAsGuest } from "~/modules/petitions/petitions.signing.server";
import { db } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, type TestApp } from "../../support/handler";

let app: TestApp;
let admin: TestPerson;
let resident: TestPerson;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemo();
  admin = await createPerson({ roles: ["admin"] });
  resident = await createPerson({ roles: ["resident", "clerk"] });
});

afterAll(() => {
  process.env.SMTP_URL = "";
  reloadEnv();
});

const lastMailTo = (to: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(desc(emailOutbox.id)).get()!;

async function shownText(id: number): Promise<string> {
  const response = await app.get(`/admin/outbox?id=${id}`, { cookieJar: new CookieJar(admin.cookie) });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/<!-- -->/g, "");
}

describe("action links in mail", () => {
  it.each([
    ["http://x/reset-password?token=abc_DEF-123", "http://x/reset-password?token=…"],
    ["http://x/verify-email?token=abc&lang=nl", "http://x/verify-email?token=…&lang=nl"],
    ["Bevestig: http://x/petitions/confirm/Zx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9.", "Bevestig: http://x/petitions/confirm/…."],
    ["Beheer: http://x/petitions/signature/Zx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9", "Beheer: http://x/petitions/signature/…"],
    ["Afmelden: http://x/unsubscribe/Zx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9-_qZx9Zx9-_qZx9-_qZx9-_q", "Afmelden: http://x/unsubscribe/…"],
    ["http://x/petitions/12", "http://x/petitions/12"],
  ])("are masked: %s", (text, masked) => {
    expect(maskActionLinks(text)).toBe(masked);
  });

  it("are hidden from the admin once SMTP delivers the mail", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    reloadEnv();
    requestPasswordReset(resident.email);
    const reset = lastMailTo(resident.email);
    const token = /token=([\w-]+)/.exec(reset.text)![1]!;
    const page = await shownText(reset.id);
    expect(page).toContain("reset-password?token=…");
    expect(page).not.toContain(token);

    const petition = db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, "petition"), eq(topics.status, "open"))).get()!.id;
    const guest = "gast@example.org";
    expect((await signPetitionAsGuest({ topicId: petition, name: "Gast Gastmans", email: guest, postcode: "9903 AB", showName: false, locale: "nl", ip: "10.5.5.5" })).ok).toBe(true);
    const confirm = lastMailTo(guest);
    const link = /\/petitions\/confirm\/([\w-]+)/.exec(confirm.text)![1]!;
    const confirmPage = await shownText(confirm.id);
    expect(confirmPage).toContain("/petitions/confirm/…");
    expect(confirmPage).not.toContain(link);
  });

  it("stay readable without SMTP, where the outbox is the only way to read mail", async () => {
    process.env.SMTP_URL = "";
    reloadEnv();
    requestPasswordReset(resident.email);
    const reset = lastMailTo(resident.email);
    const token = /token=([\w-]+)/.exec(reset.text)![1]!;
    expect(await shownText(reset.id)).toContain(`reset-password?token=${token}`);
  });
});
