import { describe, expect, it } from "vitest";
import { transition } from "~/modules/discussions/discussions.rules";

describe("the discussion lifecycle", () => {
  it.each([
    ["open", "close", { ok: true, to: "closed" }],
    ["closed", "close", { ok: false, reason: "not-closable" }],
    ["draft", "close", { ok: false, reason: "unknown-state" }],
  ] as const)("%s --%s--> %o", (from, event, expected) => {
    expect(transition(from, event)).toEqual(expected);
  });
});
