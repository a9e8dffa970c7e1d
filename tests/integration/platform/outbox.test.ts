import { afterAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { emailOutbox } from "#db/schema";
import { db } from "~/utils/db.server";
import { backoffMs, deliverOutbox, enqueueEmail, resetEmailTransport } from "~/utils/email.server";
import { reloadEnv } from "~/utils/env.server";

// An SMTP catcher that can go down and come back on the same port.
function catcher(received: string[]) {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push(parsed.subject ?? "");
          callback();
        })
        .catch(callback);
    },
  });
}
const listen = (server: SMTPServer, port = 0) => new Promise<number>((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.server.address() as { port: number }).port)));
const close = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));
const pointAt = (port: number | null) => {
  process.env.SMTP_URL = port ? `smtp://127.0.0.1:${port}` : "";
  reloadEnv();
  resetEmailTransport();
};

afterAll(() => pointAt(null));

const enqueue = (subject: "auth.email.reset.subject" | "auth.email.verify.subject", dedupeKey?: string) =>
  db.transaction((tx) =>
    enqueueEmail(tx, { to: "ontvanger@example.org", locale: "nl", subject, paragraphs: [["auth.email.reset.body"]], dedupeKey }),
  );
const row = (id: number) => db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
const newestId = () => db.select({ id: emailOutbox.id }).from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(1).get()!.id;

describe("the email outbox", () => {
  it("backs off 1, 2, 4 ... minutes, at most an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => backoffMs(a) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("without SMTP_URL keeps everything pending for admins to read", async () => {
    pointAt(null);
    enqueue("auth.email.reset.subject");
    expect(await deliverOutbox(new Date())).toBe(0);
    expect(row(newestId())).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("a repeated dedupe key is one message", () => {
    enqueue("auth.email.verify.subject", "once-only");
    const id = newestId();
    enqueue("auth.email.verify.subject", "once-only");
    expect(newestId()).toBe(id);
  });

  it("retries with backoff while the mail server is down and delivers once it is back", async () => {
    const received: string[] = [];
    const first = catcher(received);
    const port = await listen(first);
    await close(first);
    pointAt(port);
    db.update(emailOutbox).set({ status: "sent" }).run(); // only the message below is due
    enqueue("auth.email.reset.subject");
    const id = newestId();

    const t0 = new Date();
    expect(await deliverOutbox(t0)).toBe(0);
    let message = row(id);
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(message.nextAttemptAt.getTime()).toBe(t0.getTime() + 60_000);

    // Not due yet: nothing is tried.
    expect(await deliverOutbox(new Date(t0.getTime() + 30_000))).toBe(0);
    expect(row(id).attempts).toBe(1);

    const t1 = new Date(t0.getTime() + 60_000);
    expect(await deliverOutbox(t1)).toBe(0);
    message = row(id);
    expect(message.attempts).toBe(2);
    expect(message.nextAttemptAt.getTime()).toBe(t1.getTime() + 2 * 60_000);

    const back = catcher(received);
    await listen(back, port);
    resetEmailTransport();
    try {
      expect(await deliverOutbox(new Date(t1.getTime() + 2 * 60_000))).toBe(1);
      expect(row(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      expect(row(id).sentAt).toBeInstanceOf(Date);
      expect(received).toEqual(["Een nieuw wachtwoord instellen voor Gemeente Voorbeeldstad"]);
      // Sent is sent: the worker does not send it again.
      expect(await deliverOutbox(new Date(t1.getTime() + 10 * 60_000))).toBe(0);
    } finally {
      await close(back);
    }
  });

  it("gives up after 8 attempts and marks the message failed", async () => {
    const server = catcher([]);
    const port = await listen(server);
    await close(server);
    pointAt(port);
    enqueue("auth.email.verify.subject");
    const id = newestId();
    db.update(emailOutbox).set({ attempts: 7 }).where(eq(emailOutbox.id, id)).run();
    await deliverOutbox(new Date(Date.now() + 1000));
    expect(row(id)).toMatchObject({ status: "failed", attempts: 8 });
    expect(await deliverOutbox(new Date(Date.now() + 86_400_000))).toBe(0);
  });
});
