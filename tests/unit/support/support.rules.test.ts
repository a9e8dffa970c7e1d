import { describe, expect, it } from "vitest";
import { newlyReached, type SupportThreshold } from "~/modules/support/support.rules";

const thresholds = (responseReached = false, debateReached = false): Array<SupportThreshold<"response" | "debate">> => [
  { name: "response", at: 500, reached: responseReached },
  { name: "debate", at: 2000, reached: debateReached },
];

describe("a support count reaching thresholds", () => {
  it.each([
    ["below every threshold", 499, thresholds(), []],
    ["exactly at the first", 500, thresholds(), ["response"]],
    ["past both at once, in the subject's order", 2500, thresholds(), ["response", "debate"]],
    ["past one already reached: only the next", 2000, thresholds(true), ["debate"]],
    ["past both, both reached before: nothing again", 9000, thresholds(true, true), []],
  ] as const)("%s", (_, count, list, expected) => {
    expect(newlyReached(list, count)).toEqual(expected);
  });

  it("never reaches a threshold that is not set (null or 0)", () => {
    expect(newlyReached([{ name: "none", at: null, reached: false }, { name: "zero", at: 0, reached: false }], 10)).toEqual([]);
  });
});
