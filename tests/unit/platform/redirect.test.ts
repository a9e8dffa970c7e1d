import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/redirect";

describe("redirects after sign-in, language switch and resend", () => {
  it.each([
    ["/petitions/12", "/petitions/12"],
    ["/search?q=park&page=2#resultaten", "/search?q=park&page=2#resultaten"],
    ["/petitions/12/sponsor?token=a%2Fb", "/petitions/12/sponsor?token=a%2Fb"],
  ])("keep a path on this site: %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    // Browsers remove tabs, newlines and carriage returns before resolving: these are "//evil.example".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\\\t/evil.example",
    "/\u0000/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("never leave the site: %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(new URL(safeRedirect(to, "/profile"), "https://inspraak.example").origin).toBe("https://inspraak.example");
  });

  it("fall back for anything that is not a string", () => {
    expect(safeRedirect(null, "/profile")).toBe("/profile");
    expect(safeRedirect(undefined)).toBe("/");
  });
});
