// A job's batch holds the write lock for a few milliseconds whatever its rows cost: a slow batch
// halves the next, a quick one doubles it, within the job's own bounds.
import { describe, expect, it } from "vitest";
import { BATCH_LOCK_MS, BatchSize } from "~/utils/jobs.yield";

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("the size of a job's next batch", () => {
  it("halves after a batch that held the lock too long, down to its floor, and grows back when batches are quick", () => {
    const sizes = new BatchSize(1_000, 25);
    const asked: number[] = [];
    for (let i = 0; i < 7; i++) sizes.run((size) => (asked.push(size), busy(BATCH_LOCK_MS + 2)));
    expect(asked).toEqual([1_000, 500, 250, 125, 62, 31, 25]);
    expect(sizes.current).toBe(25);
    for (let i = 0; i < 8; i++) sizes.run(() => undefined);
    expect(sizes.current).toBe(1_000);
  });

  it("never asks for more than its ceiling, nor for a floor above a small ceiling", () => {
    const small = new BatchSize(4, 25);
    small.run(() => busy(BATCH_LOCK_MS + 2));
    expect(small.current).toBe(4);
    small.run(() => undefined);
    expect(small.current).toBe(4);
  });

  it("returns what the batch returned", () => {
    expect(new BatchSize().run((size) => size)).toBe(1_000);
  });
});
