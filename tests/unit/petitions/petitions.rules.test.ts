import { describe, expect, it } from "vitest";
import {
  closingDate,
  COLLECTING_STATES,
  CONFIRMATION_LINK_DAYS,
  isConfirmationExpired,
  deadlineProblem,
  hidesText,
  isRejectable,
  isSignable,
  PETITION_STATUSES,
  progressPercent,
  REJECTION_CODES,
  thresholdEvents,
  transition,
  type PetitionEvent,
  type PetitionState,
  type PetitionStatus,
  type RefusalReason,
} from "~/modules/petitions/petitions.rules";

const DAY = 86_400_000;
const NOW = new Date("2025-06-01T10:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * DAY);

function petition(status: PetitionStatus, extra: Partial<PetitionState> = {}): PetitionState {
  const published = !["draft", "awaiting-sponsors", "submitted"].includes(status);
  return {
    status,
    closesAt: published ? days(30) : null,
    closedAt: status === "closed" || status === "rejected" ? days(-1) : null,
    responseRequestedAt: ["response-requested", "responded"].includes(status) ? days(-5) : null,
    debateRequestedAt: status === "debate-scheduled" ? days(-5) : null,
    debateScheduledFor: null,
    respondedAt: ["responded", "debated"].includes(status) ? days(-2) : null,
    debatedAt: status === "debated" ? days(-1) : null,
    sponsorsRequired: status === "awaiting-sponsors" ? 2 : 0,
    sponsorCount: 0,
    ...extra,
  };
}

const EVENTS: Record<PetitionEvent["type"], PetitionEvent> = {
  submit: { type: "submit" },
  "sponsor-added": { type: "sponsor-added" },
  publish: { type: "publish" },
  reject: { type: "reject", code: "unclear" },
  "response-threshold-reached": { type: "response-threshold-reached" },
  "debate-threshold-reached": { type: "debate-threshold-reached" },
  respond: { type: "respond" },
  "schedule-debate": { type: "schedule-debate", meetingAt: days(14) },
  "record-debate": { type: "record-debate" },
  close: { type: "close" },
};

/** Every allowed move from the typical petition in each state, and where it leads. Anything else is refused. */
const ALLOWED: Array<[PetitionStatus, PetitionEvent["type"], PetitionStatus]> = [
  ["draft", "submit", "submitted"],
  ["awaiting-sponsors", "sponsor-added", "awaiting-sponsors"],
  ["submitted", "publish", "open"],
  ["submitted", "reject", "rejected"],
  ["open", "reject", "rejected"],
  ["open", "response-threshold-reached", "response-requested"],
  ["open", "debate-threshold-reached", "debate-scheduled"],
  ["open", "respond", "responded"],
  ["open", "schedule-debate", "debate-scheduled"],
  ["response-requested", "debate-threshold-reached", "debate-scheduled"],
  ["response-requested", "respond", "responded"],
  ["response-requested", "schedule-debate", "debate-scheduled"],
  ["debate-scheduled", "response-threshold-reached", "debate-scheduled"],
  ["debate-scheduled", "respond", "debate-scheduled"],
  ["debate-scheduled", "schedule-debate", "debate-scheduled"],
  ["debate-scheduled", "record-debate", "debated"],
  ["responded", "debate-threshold-reached", "debate-scheduled"],
  ["responded", "schedule-debate", "debate-scheduled"],
  ["debated", "response-threshold-reached", "debated"],
  ["debated", "debate-threshold-reached", "debated"],
  ["closed", "respond", "responded"],
  ["closed", "schedule-debate", "debate-scheduled"],
];

describe("the petition lifecycle", () => {
  for (const status of PETITION_STATUSES) {
    for (const [type, event] of Object.entries(EVENTS) as Array<[PetitionEvent["type"], PetitionEvent]>) {
      const allowed = ALLOWED.find(([from, e]) => from === status && e === type);
      if (allowed) {
        it(`a ${status} petition may ${type} and becomes ${allowed[2]}`, () => {
          const result = transition(petition(status), event, { now: NOW, durationDays: 90 });
          expect(result).toMatchObject({ ok: true, next: { status: allowed[2] } });
        });
      } else {
        it(`a ${status} petition may not ${type}`, () => {
          const result = transition(petition(status), event, { now: NOW, durationDays: 90 });
          expect(result.ok).toBe(false);
        });
      }
    }
  }
});

describe("named rules of the lifecycle", () => {
  const refused = (state: PetitionState, event: PetitionEvent, reason: RefusalReason, now = NOW) =>
    expect(transition(state, event, { now, durationDays: 90 })).toEqual({ ok: false, reason });

  it("a petition that crossed its response threshold cannot be rejected", () => {
    refused(petition("open", { responseRequestedAt: days(-1) }), EVENTS.reject, "threshold-crossed");
    refused(petition("response-requested"), EVENTS.reject, "not-rejectable");
  });

  it("a draft goes to co-sponsors first when the municipality requires them", () => {
    const result = transition(petition("draft"), EVENTS.submit, { now: NOW, sponsorsRequired: 3 });
    expect(result).toMatchObject({ ok: true, next: { status: "awaiting-sponsors", sponsorsRequired: 3, sponsorCount: 0 } });
  });

  it("the last co-sponsor needed sends the petition to moderation", () => {
    const state = petition("awaiting-sponsors", { sponsorsRequired: 2, sponsorCount: 1 });
    expect(transition(state, EVENTS["sponsor-added"], { now: NOW })).toMatchObject({ ok: true, next: { status: "submitted", sponsorCount: 2 } });
  });

  it("publishing fixes the deadline: the one asked for when it is within the duration, else publication + duration", () => {
    const asked = transition(petition("submitted"), { type: "publish", requestedClosesAt: days(20) }, { now: NOW, durationDays: 90 });
    expect(asked).toMatchObject({ ok: true, next: { closesAt: days(20) } });
    const tooFar = transition(petition("submitted"), { type: "publish", requestedClosesAt: days(200) }, { now: NOW, durationDays: 90 });
    expect(tooFar).toMatchObject({ ok: true, next: { closesAt: days(90) } });
    const passed = transition(petition("submitted"), { type: "publish", requestedClosesAt: days(-1) }, { now: NOW, durationDays: 90 });
    expect(passed).toMatchObject({ ok: true, next: { closesAt: days(90) } });
  });

  it("a petition closes only once its deadline has passed", () => {
    refused(petition("open"), EVENTS.close, "not-due");
    const result = transition(petition("open", { closesAt: days(-1) }), EVENTS.close, { now: NOW });
    expect(result).toMatchObject({ ok: true, next: { status: "closed", closedAt: NOW } });
  });

  it("closing a petition the council still owes an answer keeps its status", () => {
    const result = transition(petition("response-requested", { closesAt: days(-1) }), EVENTS.close, { now: NOW });
    expect(result).toMatchObject({ ok: true, next: { status: "response-requested", closedAt: NOW } });
  });

  it("a closed petition cannot close again, nor be rejected", () => {
    refused(petition("closed"), EVENTS.close, "already-closed");
    refused(petition("closed"), EVENTS.reject, "not-rejectable");
  });

  it("a closed petition no longer crosses thresholds", () => {
    refused(petition("response-requested", { closedAt: days(-1) }), EVENTS["debate-threshold-reached"], "not-collecting");
  });

  it("the council answers once", () => {
    refused(petition("responded"), EVENTS.respond, "already-responded");
  });

  it("after the response a pending debate stays first", () => {
    const result = transition(petition("debate-scheduled"), EVENTS.respond, { now: NOW });
    expect(result).toMatchObject({ ok: true, next: { status: "debate-scheduled", respondedAt: NOW } });
  });

  it("a debate needs a plan first and is recorded once", () => {
    refused(petition("response-requested"), EVENTS["record-debate"], "no-debate-planned");
    refused(petition("debated"), EVENTS["record-debate"], "already-debated");
  });

  it("a meeting in the past cannot be planned", () => {
    refused(petition("open"), { type: "schedule-debate", meetingAt: days(-3) }, "meeting-in-past");
  });

  it("a rejected or unpublished petition gets no answer and no debate", () => {
    for (const status of ["draft", "submitted", "rejected"] as const) {
      expect(transition(petition(status), EVENTS.respond, { now: NOW }).ok).toBe(false);
      expect(transition(petition(status), EVENTS["schedule-debate"], { now: NOW }).ok).toBe(false);
    }
  });

  it("a threshold is reached once", () => {
    refused(petition("response-requested"), EVENTS["response-threshold-reached"], "already-reached");
  });
});

describe("signing and thresholds", () => {
  it("signatures are accepted while collecting and before the deadline", () => {
    for (const status of COLLECTING_STATES) expect(isSignable(petition(status), NOW), status).toBe(true);
    expect(isSignable(petition("open", { closesAt: days(-1) }), NOW)).toBe(false);
    expect(isSignable(petition("open", { closedAt: days(-1) }), NOW)).toBe(false);
    for (const status of ["draft", "awaiting-sponsors", "submitted", "rejected", "closed"] as const) {
      expect(isSignable(petition(status), NOW), status).toBe(false);
    }
  });

  it.each([
    [499, []],
    [500, ["response-threshold-reached"]],
    [2000, ["response-threshold-reached", "debate-threshold-reached"]],
  ])("a count of %i sets off %j", (count, expected) => {
    const events = thresholdEvents({ responseRequestedAt: null, debateRequestedAt: null }, count, { response: 500, debate: 2000 });
    expect(events.map((e) => e.type)).toEqual(expected);
  });

  it("a threshold already reached is not reached again", () => {
    expect(thresholdEvents({ responseRequestedAt: days(-1), debateRequestedAt: null }, 600, { response: 500, debate: 2000 })).toEqual([]);
  });

  it("progress is a whole percentage capped at 100", () => {
    expect(progressPercent(250, 500)).toBe(50);
    expect(progressPercent(9999, 500)).toBe(100);
    expect(progressPercent(10, null)).toBe(0);
  });

  it("is rejectable only before moderation is past and before the response threshold", () => {
    expect(isRejectable(petition("submitted"))).toBe(true);
    expect(isRejectable(petition("open"))).toBe(true);
    expect(isRejectable(petition("open", { responseRequestedAt: days(-1) }))).toBe(false);
  });
});

describe("rejection reasons and deadlines", () => {
  it("only offensive and personal-information rejections withhold the text", () => {
    expect(REJECTION_CODES.filter(hidesText)).toEqual(["offensive", "personal-information"]);
  });

  it.each([
    [days(-1), "past"],
    [days(0), "past"],
    [days(10), null],
    [days(90), null],
    [days(91), "too-far"],
  ] as const)("a requested deadline of %s is %s", (deadline, expected) => {
    expect(deadlineProblem(deadline, NOW, 90)).toBe(expected);
  });

  it("the closing date never lies beyond the allowed duration", () => {
    expect(closingDate(NOW, null, 30)).toEqual(days(30));
    expect(closingDate(NOW, days(10), 30)).toEqual(days(10));
    expect(closingDate(NOW, days(31), 30)).toEqual(days(30));
  });

  it("a guest's confirmation link works for 7 days", () => {
    expect(CONFIRMATION_LINK_DAYS).toBe(7);
  });

  it.each([
    ["sent just now", NOW, NOW, false],
    ["sent 6 days 23 hours ago", new Date(NOW.getTime() - 7 * DAY + 3_600_000), days(-30), false],
    ["sent exactly 7 days ago", days(-7), days(-7), true],
    ["sent 8 days ago", days(-8), days(-8), true],
    ["made 30 days ago but sent again yesterday", days(-1), days(-30), false],
    ["never recorded as sent, made 8 days ago", null, days(-8), true],
    ["never recorded as sent, made yesterday", null, days(-1), false],
  ] as const)("a pending signature's link %s: expired %s", (_label, confirmationSentAt, createdAt, expected) => {
    expect(isConfirmationExpired({ confirmationSentAt, createdAt }, NOW)).toBe(expected);
  });
});
