import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { reloadEnv } from "~/utils/env.server";
import { deliverOutbox, resetEmailTransport } from "~/utils/email.server";

export interface CapturedMail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server in the test process. Points SMTP_URL at it, so the app's own outbox worker
 * delivers over SMTP and tests read the real messages.
 */
export async function startMailCatcher() {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  reloadEnv();
  resetEmailTransport();
  return {
    messages,
    /** Runs the outbox worker once and returns the messages that arrived. */
    async flush(): Promise<CapturedMail[]> {
      const before = messages.length;
      await deliverOutbox(new Date(Date.now() + 1000));
      return messages.slice(before);
    },
    to(address: string) {
      return messages.filter((m) => m.to.includes(address));
    },
    /** The first http(s) link in the newest message to an address. */
    linkTo(address: string, pattern = /https?:\/\/\S+/): string | null {
      const mine = messages.filter((m) => m.to.includes(address));
      const last = mine[mine.length - 1];
      return last ? (pattern.exec(last.text)?.[0] ?? null) : null;
    },
    async stop() {
      resetEmailTransport();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      process.env.SMTP_URL = "";
      reloadEnv();
    },
  };
}
