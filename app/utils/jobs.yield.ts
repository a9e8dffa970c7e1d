// Background work shares SQLite's write lock with every process: a long job runs in slices of
// short transactions and, between slices, leaves the lock free long enough for a waiting writer
// in another process to take it.
//
// Why a pause and not just a turn of the event loop: SQLite hands the lock to whoever asks first
// once it is free, and a writer in another process asks only when it polls (`writeWhenFree` every
// few milliseconds). A job that starts its next transaction microseconds after the last one
// committed almost always asks first, so the waiting signature starves for as long as the job
// runs (issue #14 measured a p99 of 452 ms while the digest and the anonymisation ran). A pause of
// GAP_MS after every SLICE_MS of work is longer than a waiting writer's poll interval, so it gets
// the lock within one slice.

/** How long a job may keep the event loop (and, within a slice, the write lock) before it gives way. */
export const SLICE_MS = 20;

/** How long a job leaves the lock free after a slice: longer than `writeWhenFree`'s poll interval. */
export const GAP_MS = 10;

let sliceStarted = performance.now();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives way once `ms` have passed since the last time: leaves the write lock (and the event loop)
 * free for GAP_MS, else returns at once. Call it after every short transaction of a batch job,
 * never inside one.
 */
export async function yieldEvery(ms: number = SLICE_MS): Promise<void> {
  if (performance.now() - sliceStarted < ms) return;
  await pause(GAP_MS);
  sliceStarted = performance.now();
}

/** Rows a job changes per transaction at most: a few milliseconds of the write lock. */
export const JOB_BATCH = 1_000;

/** How long one batch transaction may hold the write lock before the next batch is made smaller. */
export const BATCH_LOCK_MS = 10;

/**
 * The size of a job's next batch: at most `max` rows, and as many as fit in BATCH_LOCK_MS. Rows of
 * wide tables with many indexes (a signature touches seven) cost many times more than others, and a
 * busy machine slows them all: a batch that took too long halves the next, a quick one doubles it.
 */
export class BatchSize {
  current: number;
  constructor(
    readonly max: number = JOB_BATCH,
    readonly min: number = 25,
  ) {
    this.current = max;
  }

  /** Runs one batch of the current size, measures it, and returns what it returned. */
  run<T>(batch: (size: number) => T): T {
    const started = performance.now();
    const result = batch(this.current);
    const took = performance.now() - started;
    if (took > BATCH_LOCK_MS) this.current = Math.max(Math.min(this.min, this.max), this.current >> 1);
    else if (took < BATCH_LOCK_MS / 4) this.current = Math.min(this.max, this.current * 2);
    return result;
  }
}

/**
 * Runs `batch` (one short transaction that changes at most `size` rows of what is left and says
 * how many) again and again until one changes fewer, giving way between them. A run stopped
 * half-way (a crash, a restart) has committed whole batches only, and the next run finds the rest.
 * Returns the rows changed in all.
 */
export async function inBatches(batch: (size: number) => number, size: number = JOB_BATCH): Promise<number> {
  let changed = 0;
  const sizes = new BatchSize(size);
  for (;;) {
    const asked = sizes.current;
    const done = sizes.run(batch);
    changed += done;
    if (done < asked) return changed;
    await yieldEvery(SLICE_MS);
  }
}
