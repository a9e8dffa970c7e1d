import { describe, expect, it } from "vitest";
import { canonicalEmail } from "~/utils/email-address";

describe("the canonical email", () => {
  it.each([
    ["Jan.Jansen+petitie@Gmail.com", "janjansen@gmail.com"],
    ["j.a.n@googlemail.com", "jan@gmail.com"],
    ["anna+1@outlook.com", "anna@outlook.com"],
    ["anna.de.vries@outlook.com", "anna.de.vries@outlook.com"],
    ["  Piet@Voorbeeldstad.NL ", "piet@voorbeeldstad.nl"],
    ["piet+tag@voorbeeldstad.nl", "piet+tag@voorbeeldstad.nl"],
  ])("folds %s to %s", (input, expected) => {
    expect(canonicalEmail(input)).toBe(expected);
  });
});
