import { describe, expect, it } from "vitest";
import { isUsable, TOKEN_LIFETIME_MS, tokenExpiresAt, tokenState, type TokenState } from "~/modules/accounts/tokens.rules";

const HOUR = 3_600_000;
const issued = new Date("2030-01-01T12:00:00Z");
const at = (ms: number) => new Date(issued.getTime() + ms);

describe("how long an emailed link lives", () => {
  it("a confirmation link lives 24 hours, a reset link 1 hour", () => {
    expect(TOKEN_LIFETIME_MS["verify-email"]).toBe(24 * HOUR);
    expect(TOKEN_LIFETIME_MS["reset-password"]).toBe(HOUR);
    expect(tokenExpiresAt("verify-email", issued)).toEqual(at(24 * HOUR));
    expect(tokenExpiresAt("reset-password", issued)).toEqual(at(HOUR));
  });
});

describe("the state of a link", () => {
  const expiresAt = at(HOUR);
  const cases: Array<[string, { expiresAt: Date; usedAt: Date | null } | undefined, Date, TokenState]> = [
    ["no such link", undefined, at(0), "unknown"],
    ["fresh", { expiresAt, usedAt: null }, at(0), "valid"],
    ["one millisecond before expiry", { expiresAt, usedAt: null }, at(HOUR - 1), "valid"],
    ["at the moment of expiry", { expiresAt, usedAt: null }, at(HOUR), "expired"],
    ["long after expiry", { expiresAt, usedAt: null }, at(48 * HOUR), "expired"],
    ["used, still in time", { expiresAt, usedAt: at(10) }, at(20), "used"],
    ["used and since expired (says used: the more helpful message)", { expiresAt, usedAt: at(10) }, at(2 * HOUR), "used"],
  ];

  it.each(cases)("%s: %s", (_name, token, now, expected) => {
    expect(tokenState(token, now)).toBe(expected);
    expect(isUsable(token, now)).toBe(expected === "valid");
  });
});
