// Background work shares its process with other work (and SQLite's write lock with every
// process): a long job runs in slices and gives way between them.

/** How long a job may keep the event loop (and, within a slice, the write lock) before it yields. */
export const SLICE_MS = 20;

let sliceStarted = performance.now();

/**
 * Yields to the event loop once `ms` have passed since the last yield, else returns at once.
 * Call it between the short transactions of a batch job.
 */
export async function yieldEvery(ms: number = SLICE_MS): Promise<void> {
  if (performance.now() - sliceStarted < ms) return;
  await new Promise((resolve) => setImmediate(resolve));
  sliceStarted = performance.now();
}

/** Rows a job changes per transaction: a few milliseconds of the write lock. */
export const JOB_BATCH = 1_000;

/**
 * Runs `batch` (one short transaction that changes at most `size` rows of what is left and says
 * how many) again and again until one changes fewer, giving way between them. A run stopped
 * half-way (a crash, a restart) has committed whole batches only, and the next run finds the rest.
 * Returns the rows changed in all.
 */
export async function inBatches(batch: (size: number) => number, size: number = JOB_BATCH): Promise<number> {
  let changed = 0;
  for (;;) {
    const done = batch(size);
    changed += done;
    if (done < size) return changed;
    await yieldEvery(SLICE_MS);
  }
}
