import { describe, expect, it } from "vitest";
import {
  alreadyDecided,
  availableDecisions,
  DECISIONS,
  blockRefusal,
  decisionRefusal,
  isBlockActive,
  isBlockExpired,
  median,
  monthKey,
  noteRequired,
  shouldAutoHide,
  waitingTime,
} from "~/modules/participation/moderation.rules";

describe("automatic hiding", () => {
  it.each([
    ["comment", 2, 3, null, false],
    ["comment", 3, 3, null, true],
    ["comment", 5, 3, null, true],
    ["comment", 3, 3, "moderation" as const, false],
    ["topic", 3, 3, null, false],
    ["topic", 50, 3, null, false],
  ] as const)("a %s with %i open flags, threshold %i, hidden by %s: %s", (type, flags, threshold, hiddenBy, expected) => {
    expect(shouldAutoHide(type, flags, threshold, hiddenBy)).toBe(expected);
  });
  it("asks a note only for 'other'", () => {
    expect(noteRequired("other")).toBe(true);
    expect(noteRequired("spam")).toBe(false);
  });
});

describe("the decisions a clerk can take", () => {
  const base = { targetType: "comment" as const, hidden: false, topicLocked: false, openFlags: 1 };
  it.each([
    ["a visible, flagged comment", base, ["hide", "dismiss", "lock"]],
    ["a comment hidden after flags", { ...base, hidden: true, openFlags: 3 }, ["hide", "restore", "lock"]],
    ["a comment a clerk hid earlier", { ...base, hidden: true, openFlags: 0 }, ["restore", "lock"]],
    ["a comment in a locked thread", { ...base, topicLocked: true }, ["hide", "dismiss", "unlock"]],
    // Closing is never a moderation decision: it belongs on the topic's own page (issue #9, point 2).
    ["a flagged topic", { ...base, targetType: "topic" as const }, ["hide", "dismiss", "lock"]],
  ])("for %s", (_, facts, expected) => {
    expect(availableDecisions(facts)).toEqual(expected);
  });
  it.each([
    ["hide", { ...base, hidden: true, openFlags: 0, hiddenBy: "moderation" as const }, true],
    ["hide", { ...base, hidden: true, openFlags: 3, hiddenBy: "flags" as const }, false],
    ["hide", { ...base, hidden: true, openFlags: 0, hiddenBy: "block" as const }, false],
    ["hide", { ...base, hiddenBy: null }, false],
    ["restore", { ...base, openFlags: 0, hiddenBy: null }, true],
    ["restore", { ...base, hidden: true, openFlags: 0, hiddenBy: "moderation" as const }, false],
    ["dismiss", { ...base, openFlags: 0, hiddenBy: null }, true],
    ["dismiss", { ...base, hiddenBy: null }, false],
    ["lock", { ...base, topicLocked: true, hiddenBy: null }, true],
    ["unlock", { ...base, topicLocked: true, hiddenBy: null }, false],
  ] as const)("treats %s as already done (a repeat) on %j: %s", (decision, facts, expected) => {
    expect(alreadyDecided(decision, facts)).toBe(expected);
  });
  it("refuses one that does not fit", () => {
    expect(decisionRefusal("restore", base)).toBe("decision-not-available");
    expect(DECISIONS).not.toContain("close");
    expect(decisionRefusal("hide", base)).toBeNull();
  });
});

describe("blocks", () => {
  const now = new Date("2025-03-01T12:00:00Z");
  const resident = { id: "r", roles: ["resident" as const], blockedAt: null, blockedUntil: null };
  it.each([
    ["a resident", resident, null, null],
    ["a clerk", { ...resident, roles: ["resident" as const, "clerk" as const] }, null, "protected-role"],
    ["an admin", { ...resident, roles: ["admin" as const] }, null, "protected-role"],
    ["oneself", { ...resident, id: "me" }, null, "self"],
    ["someone already blocked", { ...resident, blockedAt: now, blockedUntil: null }, null, "already-blocked"],
    ["someone whose block ran out", { ...resident, blockedAt: now, blockedUntil: new Date(now.getTime() - 1) }, null, null],
    ["with an end date in the past", resident, new Date(now.getTime() - 86_400_000), "end-in-past"],
  ])("on %s", (_, target, until, expected) => {
    expect(blockRefusal("me", target, until, now)).toBe(expected);
  });
  it("are active until their end date and then expired", () => {
    const until = new Date(now.getTime() + 1000);
    expect(isBlockActive(now, until, now)).toBe(true);
    expect(isBlockActive(now, null, now)).toBe(true);
    expect(isBlockActive(null, null, now)).toBe(false);
    expect(isBlockExpired(now, until, new Date(until.getTime() + 1))).toBe(true);
    expect(isBlockExpired(now, null, new Date(until.getTime() + 1))).toBe(false);
  });
});

describe("figures", () => {
  it.each([
    [30 * 60_000, { unit: "minutes", count: 30 }],
    [5 * 3_600_000, { unit: "hours", count: 5 }],
    [72 * 3_600_000, { unit: "days", count: 3 }],
  ])("%i ms waiting is %o", (ms, expected) => {
    expect(waitingTime(ms)).toEqual(expected);
  });
  it("median", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("months in Amsterdam time", () => {
    expect(monthKey(new Date("2025-01-31T23:30:00Z"))).toBe("2025-02");
    expect(monthKey(new Date("2025-06-15T12:00:00Z"))).toBe("2025-06");
  });
});
