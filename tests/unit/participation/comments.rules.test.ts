import type { TopicKind } from "#db/schema/topics.constants";
import { describe, expect, it } from "vitest";
import {
  canReplyAtDepth,
  commentsClosedReason,
  commentState,
  deletionOutcome,
  eligibilityRefusal,
  MAX_DEPTH,
  parsePositiveInt,
  parseSort,
  replyRefusal,
  threadHref,
  withinEditWindow,
} from "~/modules/participation/comments.rules";

const visible = { hiddenBy: null, deletedAt: null };

describe("a reply", () => {
  it.each([
    ["to a top-level comment is allowed", { ...visible, topicId: 1, depth: 0 }, null],
    ["to a reply is allowed", { ...visible, topicId: 1, depth: 1 }, null],
    ["to a reply to a reply would be a fourth level", { ...visible, topicId: 1, depth: 2 }, "too-deep"],
    ["to another topic's comment is refused", { ...visible, topicId: 2, depth: 0 }, "parent-other-topic"],
    ["to a hidden comment is refused", { hiddenBy: "flags" as const, deletedAt: null, topicId: 1, depth: 0 }, "parent-hidden"],
    ["to a deleted comment is refused", { hiddenBy: null, deletedAt: new Date(), topicId: 1, depth: 0 }, "parent-deleted"],
  ])("%s", (_, parent, expected) => {
    expect(replyRefusal(parent, 1)).toBe(expected);
  });

  it("goes at most three levels deep", () => {
    expect(MAX_DEPTH).toBe(2);
    expect([0, 1, 2, 3].map(canReplyAtDepth)).toEqual([true, true, false, false]);
  });
});

describe("a comment's state", () => {
  it.each([
    [visible, "visible"],
    [{ hiddenBy: "block" as const, deletedAt: null }, "hidden"],
    [{ hiddenBy: null, deletedAt: "2025-01-01" }, "deleted"],
    [{ hiddenBy: "moderation" as const, deletedAt: new Date() }, "deleted"],
  ])("%o is %s", (facts, state) => {
    expect(commentState(facts)).toBe(state);
  });
});

describe("a topic takes comments", () => {
  const open = { kind: "discussion" as TopicKind, status: "open", isPublic: true, hidden: false, locked: false };
  it.each([
    ["when public, visible and unlocked", open, null],
    ["not before it is public", { ...open, isPublic: false }, "topic-not-public"],
    ["not while hidden", { ...open, hidden: true }, "topic-hidden"],
    ["not while locked", { ...open, locked: true }, "topic-locked"],
    ["not once a discussion is closed", { ...open, status: "closed" }, "topic-closed"],
    ["still on a closed petition (people discuss the answer)", { ...open, kind: "petition" as TopicKind, status: "closed" }, null],
    ["not on a rejected petition", { ...open, kind: "petition" as TopicKind, status: "rejected" }, "topic-rejected"],
  ])("%s", (_, topic, expected) => {
    expect(commentsClosedReason(topic)).toBe(expected);
  });
});

describe("the edit window", () => {
  const posted = new Date("2025-03-01T12:00:00Z");
  it.each([
    [0, true],
    [14, true],
    [15, true],
    [16, false],
  ])("%i minutes after posting with a 15-minute window: %s", (minutes, expected) => {
    expect(withinEditWindow(posted, 15, new Date(posted.getTime() + minutes * 60_000))).toBe(expected);
  });
  it("is closed at once when the window is 0", () => {
    expect(withinEditWindow(posted, 0, new Date(posted.getTime() + 1000))).toBe(false);
  });
});

describe("deleting", () => {
  it("keeps a placeholder when others replied, removes the comment otherwise", () => {
    expect(deletionOutcome(0)).toBe("remove");
    expect(deletionOutcome(2)).toBe("placeholder");
  });
});

describe("who may write comments", () => {
  const now = new Date("2025-03-01T12:00:00Z");
  const person = { blocked: false, emailVerified: true, createdAt: new Date("2025-01-01") };
  const policy = { requireVerifiedEmail: true, minAccountAgeHours: 0 };
  it.each([
    ["a confirmed, unblocked person", person, policy, null],
    ["not a blocked person", { ...person, blocked: true }, policy, "blocked"],
    ["not an unconfirmed address when the setting asks for one", { ...person, emailVerified: false }, policy, "email-unverified"],
    ["an unconfirmed address when the setting does not", { ...person, emailVerified: false }, { ...policy, requireVerifiedEmail: false }, null],
    ["not an account younger than the minimum age", { ...person, createdAt: new Date(now.getTime() - 3_600_000) }, { ...policy, minAccountAgeHours: 24 }, "account-too-new"],
    ["an account older than the minimum age", { ...person, createdAt: new Date(now.getTime() - 25 * 3_600_000) }, { ...policy, minAccountAgeHours: 24 }, null],
  ])("%s", (_, who, settings, expected) => {
    expect(eligibilityRefusal(who, settings, now)).toBe(expected);
  });
});

describe("thread links", () => {
  it("keep the defaults out of the address and add the rest", () => {
    expect(threadHref("/discussions/3", "oldest", 1)).toBe("/discussions/3");
    expect(threadHref("/discussions/3", "newest", 2, { reply: 7 })).toBe("/discussions/3?commentSort=newest&commentPage=2&reply=7");
  });
  it("read only known sorts and positive page numbers", () => {
    expect(parseSort("supported")).toBe("supported");
    expect(parseSort("DROP TABLE")).toBe("oldest");
    expect(parsePositiveInt("12")).toBe(12);
    expect(["0", "-1", "1e3", "abc", "", null].map((v) => parsePositiveInt(v))).toEqual([null, null, null, null, null, null]);
  });
});
