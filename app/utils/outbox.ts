// What every durable outbox shares (email in email.server.ts, webhooks in app/modules/webhooks): a
// message is written in the transaction of the change it reports, and a job sends what is due,
// a few at a time, never two to the same recipient at once (each hears in order), and after a
// failure tries again later, waiting longer each time, until it gives up.

/** Attempts before a message is given up (about four hours of trying with the schedule below). */
export const MAX_ATTEMPTS = 8;

/** Retry after 1, 2, 4, 8 ... minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** The row after a failed attempt: pending again later, or failed for good after MAX_ATTEMPTS. */
export function failedAttempt(previousAttempts: number, now: Date, error: unknown) {
  const attempts = previousAttempts + 1;
  return {
    attempts,
    status: attempts >= MAX_ATTEMPTS ? ("failed" as const) : ("pending" as const),
    lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
    nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
  };
}

/**
 * Sends `items` in waves of at most `concurrency` at once, never two with the same recipient in one
 * wave (so each recipient gets them in order). Returns how many `send` reported sent.
 */
export async function sendInWaves<T>(items: readonly T[], recipientOf: (item: T) => string | number, concurrency: number, send: (item: T) => Promise<boolean>): Promise<number> {
  let sent = 0;
  let wave: T[] = [];
  const flush = async () => {
    const results = await Promise.all(wave.map(send));
    sent += results.filter(Boolean).length;
    wave = [];
  };
  for (const item of items) {
    if (wave.length >= concurrency || wave.some((w) => recipientOf(w) === recipientOf(item))) await flush();
    wave.push(item);
  }
  await flush();
  return sent;
}
