import { and, asc, eq, gt, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { accountErasures, emailOutbox } from "#db/schema";
import { translator, type Locale, type MessageKey, type MessageParams } from "~/i18n";
import { db, sqlite, type DB, type Tx } from "./db.server";
import { env } from "./env.server";
import { inBatches } from "./jobs.yield";
import { logger } from "./logger.server";
import { failedAttempt, sendInWaves } from "./outbox";
import { siteSettings } from "./site.server";
import { EVERY_TOPIC, hasOptedOut, unsubscribeUrl } from "./unsubscribe.server";

export interface EmailContent {
  to: string;
  locale: Locale;
  /** The recipient's name for the greeting; omitted for guests we only know by address. */
  name?: string | null;
  subject: MessageKey;
  /** Paragraphs, each a message key with its parameters. */
  paragraphs: Array<[MessageKey, MessageParams?]>;
  /** An optional button/link: label key and absolute URL. */
  action?: { label: MessageKey; url: string };
  params?: MessageParams;
  /** Makes a repeat enqueue a no-op (e.g. "petition-response:12:user-3"). */
  dedupeKey?: string;
  /** The topic the message is about: its unsubscribe link stops mail about that topic only. */
  topicId?: number;
  /**
   * A message the person has just asked for (a confirmation link, a password reset): it goes out
   * even to an address that unsubscribed, and still carries the link.
   */
  requested?: boolean;
  /** The recipient has an account, whose email preferences are on the profile page (a guest has none). */
  account?: boolean;
  /** What the mail is about (e.g. "comment:12"), so it can be withdrawn while it waits. */
  concerns?: string;
  /** Whose act it tells of, when it names them: their name is blanked by this if they leave. */
  actorId?: string | null;
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Builds the plain-text and HTML versions of a message in the recipient's language, with the
 * one-click unsubscribe link in the footer (and the profile's preferences for an account holder).
 */
export function renderEmail(content: EmailContent, unsubscribe: string): { subject: string; text: string; html: string } {
  const t = translator(content.locale);
  const municipality = siteSettings().municipalityName();
  const params = { municipality, ...content.params };
  const subject = t(content.subject, params);
  const paragraphs = content.paragraphs.map(([key, p]) => t(key, { ...params, ...p }));
  const greeting = content.name ? t("email.greeting", { name: content.name }) : null;
  const footer = [
    t("email.footer", { municipality }),
    ...(content.account ? [t("email.footer.preferences", { url: `${env().BASE_URL}/profile` })] : []),
    t(content.topicId ? "email.footer.unsubscribeTopic" : "email.footer.unsubscribeAll", { url: unsubscribe }),
  ];
  const textParts = [
    ...(greeting ? [greeting] : []),
    ...paragraphs,
    ...(content.action ? [`${t(content.action.label)}: ${content.action.url}`] : []),
    "--",
    footer.join("\n"),
  ];
  const html = [
    `<!doctype html><html lang="${content.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.5;max-width:40em">`,
    ...(greeting ? [`<p>${escapeHtml(greeting)}</p>`] : []),
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.action
      ? [`<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(t(content.action.label))}</a></p>`]
      : []),
    `<hr>`,
    ...footer.map((line) => `<p style="font-size:small">${escapeHtml(line)}</p>`),
    `</body></html>`,
  ].join("\n");
  return { subject, text: textParts.join("\n\n"), html };
}

/**
 * Puts a message in the durable outbox. Call it inside the transaction of the change it reports,
 * so the mail goes out if and only if the change was committed. A repeated dedupeKey is ignored.
 */
export function enqueueEmail(tx: DB | Tx, content: EmailContent): void {
  const topicId = content.topicId ?? EVERY_TOPIC;
  // Whoever unsubscribed gets nothing more of this kind; what they just asked for still goes out.
  if (!content.requested && hasOptedOut(content.to, topicId)) return;
  const listUnsubscribe = unsubscribeUrl({ address: content.to, topicId });
  const { subject, text, html } = renderEmail(content, listUnsubscribe);
  // The caller's transaction is this connection's: the prepared statement runs inside it.
  void tx;
  outboxInsert().run(content.to, subject, text, html, content.dedupeKey ?? null, listUnsubscribe, content.concerns ?? null, content.actorId ?? null);
}

// Prepared once per connection: a signer mailing enqueues hundreds of messages per batch, and
// building and preparing the INSERT through the ORM each time cost more than the insert itself.
let preparedInsert: { raw: ReturnType<typeof sqlite>; statement: import("better-sqlite3").Statement<[string, string, string, string, string | null, string, string | null, string | null]> } | undefined;
function outboxInsert() {
  const raw = sqlite();
  if (preparedInsert?.raw !== raw) {
    preparedInsert = {
      raw,
      statement: raw.prepare(
        "INSERT INTO email_outbox (to_address, subject, text, html, dedupe_key, list_unsubscribe, concerns, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
    };
  }
  return preparedInsert.statement;
}

let transporter: Transporter | undefined;
function smtp(): Transporter | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  // A small pool: big mailings (a council response to thousands of signers) go out in parallel.
  transporter ??= nodemailer.createTransport({ url, pool: true, maxConnections: SEND_CONCURRENCY } as never);
  return transporter;
}

/** For tests that point SMTP_URL somewhere new. */
export function resetEmailTransport(): void {
  transporter?.close();
  transporter = undefined;
}

export { backoffMs } from "./outbox";

const SEND_CONCURRENCY = 5;
/** How long one run of the worker may keep sending before it yields to the next tick. */
const RUN_BUDGET_MS = 4_000;

type OutboxRow = typeof emailOutbox.$inferSelect;

async function sendOne(transport: Transporter, message: OutboxRow, now: Date): Promise<boolean> {
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: message.toAddress,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // RFC 8058: mail programs offer "unsubscribe", and post List-Unsubscribe=One-Click to the link.
      ...(message.listUnsubscribe
        ? { headers: { "List-Unsubscribe": `<${message.listUnsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
        : {}),
    });
    db.update(emailOutbox)
      .set({ status: "sent", sentAt: new Date(), attempts: message.attempts + 1, lastError: null })
      .where(eq(emailOutbox.id, message.id))
      .run();
    return true;
  } catch (error) {
    const failed = failedAttempt(message.attempts, now, error);
    db.update(emailOutbox).set(failed).where(eq(emailOutbox.id, message.id)).run();
    logger().warn({ outboxId: message.id, attempts: failed.attempts, err: String(error) }, "email delivery failed");
    return false;
  }
}

/**
 * Mail that tells of a deleted person's act names them until the erasure job has rewritten it
 * (accounts: mail-naming-them, which then clears actor_id): it waits until then.
 */
const notNamingAnErasedAccount = sql`(${emailOutbox.actorId} IS NULL OR NOT EXISTS (SELECT 1 FROM ${accountErasures} WHERE ${accountErasures.userId} = ${emailOutbox.actorId} AND ${accountErasures.finishedAt} IS NULL))`;

/**
 * Sends what is due in the outbox, a few at a time over a pooled connection, for at most a few
 * seconds per run. Without SMTP_URL nothing is sent: admins read the outbox in the app.
 * Returns how many were sent.
 */
export async function deliverOutbox(now = new Date(), batch = 100): Promise<number> {
  const transport = smtp();
  if (!transport) return 0;
  const started = Date.now();
  let sent = 0;
  let lastId = 0;
  while (Date.now() - started < RUN_BUDGET_MS) {
    const due = db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now), gt(emailOutbox.id, lastId), notNamingAnErasedAccount))
      .orderBy(asc(emailOutbox.id))
      .limit(batch)
      .all();
    if (due.length === 0) break;
    lastId = due[due.length - 1]!.id;
    // In parallel, but never two to the same address at once, so each person gets their mail in order.
    sent += await sendInWaves(due, (m) => m.toAddress, SEND_CONCURRENCY, (m) => sendOne(transport, m, now));
    if (due.length < batch) break;
  }
  return sent;
}

/** How long a delivered message's text stays readable in the outbox (its links may still work). */
export const SENT_MAIL_RETENTION_DAYS = 7;
/** How long the envelope of a message (address, subject, status, dates) is kept for the record. */
export const MAIL_RECORD_RETENTION_DAYS = 365;

/**
 * Privacy and safety, hourly: a week after delivery a message keeps its envelope (to, subject,
 * status, dates) for the record, but its text and its action links are blanked; a message that
 * could not be delivered within that week (SMTP down or absent) is given up and blanked the same
 * way, since its links have expired by then. After a year the envelope goes too.
 */
export async function expireOutboxMail(now = new Date()): Promise<{ blanked: number; deleted: number }> {
  const week = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * 86_400_000);
  const year = new Date(now.getTime() - MAIL_RECORD_RETENTION_DAYS * 86_400_000);
  // A day's digest is tens of thousands of rows: in batches, each a short transaction, found
  // through the index of mail still holding its text (sent mail was created before it was sent).
  const some = (where: SQL | undefined, size: number) => inArray(emailOutbox.id, db.select({ id: emailOutbox.id }).from(emailOutbox).where(where).limit(size));
  const delivered = await inBatches((size) =>
    db.transaction((tx) =>
      tx.update(emailOutbox)
        .set({ text: "", html: "", listUnsubscribe: null })
        .where(some(and(lte(emailOutbox.createdAt, week), ne(emailOutbox.text, ""), eq(emailOutbox.status, "sent"), lte(emailOutbox.sentAt, week)), size))
        .run().changes,
    ),
  );
  const undelivered = await inBatches((size) =>
    db.transaction((tx) =>
      tx.update(emailOutbox)
        .set({ text: "", html: "", listUnsubscribe: null, status: "failed", lastError: sql`coalesce(${emailOutbox.lastError}, 'not delivered within a week')` })
        .where(some(and(lte(emailOutbox.createdAt, week), ne(emailOutbox.text, ""), ne(emailOutbox.status, "sent")), size))
        .run().changes,
    ),
  );
  const deleted = await inBatches((size) => db.transaction((tx) => tx.delete(emailOutbox).where(some(lte(emailOutbox.createdAt, year), size)).run().changes));
  return { blanked: delivered + undelivered, deleted };
}
