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
