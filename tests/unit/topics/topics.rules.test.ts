import { describe, expect, it } from "vitest";
import { isDueForReminder, isOverdue, stepsDueForReminder, type ReminderCandidate } from "~/modules/topics/topics.rules";

const NOW = new Date("2026-03-10T12:00:00Z");
const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

function step(extra: Partial<ReminderCandidate> = {}): ReminderCandidate {
  return { status: "planned", dueAt: at(-60), remindedAt: null, topicHidden: false, ...extra };
}

describe("which next steps are due for a reminder to the clerks", () => {
  it.each<[string, Partial<ReminderCandidate>, boolean]>([
    ["planned, due an hour ago, not reminded", {}, true],
    ["in progress, due a minute ago", { status: "in-progress", dueAt: at(-1) }, true],
    ["due a year ago and never reminded", { dueAt: at(-365 * 24 * 60) }, true],
    ["due exactly now (not yet passed)", { dueAt: NOW }, false],
    ["due in a minute", { dueAt: at(1) }, false],
    ["without a due date", { dueAt: null }, false],
    ["done (even when it was late)", { status: "done" }, false],
    ["already reminded", { remindedAt: at(-30) }, false],
    ["on a hidden topic", { topicHidden: true }, false],
    ["due date moved to next week (and the reminder reset)", { dueAt: at(7 * 24 * 60), remindedAt: null }, false],
  ])("%s -> %s", (_name, extra, expected) => {
    expect(isDueForReminder(step(extra), NOW)).toBe(expected);
  });

  it.each<[string, Partial<ReminderCandidate>, boolean]>([
    ["planned and late", {}, true],
    ["done and late", { status: "done" }, false],
    ["no due date", { dueAt: null }, false],
    ["due later", { dueAt: at(60) }, false],
    // The public flag does not depend on reminders or moderation.
    ["late and reminded", { remindedAt: at(-1) }, true],
  ])("overdue: %s -> %s", (_name, extra, expected) => {
    expect(isOverdue(step(extra), NOW)).toBe(expected);
  });

  it("picks the due steps from a list, keeping their order", () => {
    const list = [
      { id: 1, ...step() },
      { id: 2, ...step({ status: "done" }) },
      { id: 3, ...step({ dueAt: at(5) }) },
      { id: 4, ...step({ status: "in-progress" }) },
      { id: 5, ...step({ remindedAt: at(-5) }) },
    ];
    expect(stepsDueForReminder(list, NOW).map((s) => s.id)).toEqual([1, 4]);
    // Fifteen minutes later the step due in five minutes has passed too.
    expect(stepsDueForReminder(list, at(15)).map((s) => s.id)).toEqual([1, 3, 4]);
  });
});
