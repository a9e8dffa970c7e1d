import { describe, expect, it } from "vitest";
import { showsSignatureCount, thresholdsAhead, type PetitionStatus } from "~/modules/petitions/petitions.rules";

const at = new Date("2026-11-01T10:00:00Z");
const petition = (status: PetitionStatus, over: Partial<Record<"closedAt" | "responseRequestedAt" | "respondedAt" | "debateRequestedAt" | "debateScheduledFor" | "debatedAt", Date | null>> = {}) => ({
  status,
  closedAt: null,
  responseRequestedAt: null,
  respondedAt: null,
  debateRequestedAt: null,
  debateScheduledFor: null,
  debatedAt: null,
  ...over,
});

describe("which thresholds a petition page still counts towards", () => {
  it.each([
    ["an open petition: both", petition("open"), { response: true, debate: true }],
    ["past the response threshold: the debate only", petition("response-requested", { responseRequestedAt: at }), { response: false, debate: true }],
    ["answered below the threshold: the debate only", petition("responded", { respondedAt: at }), { response: false, debate: true }],
    ["a debate scheduled: the response only", petition("debate-scheduled", { debateScheduledFor: at }), { response: true, debate: false }],
    ["debated with 168 of 2,000: the response only", petition("debated", { debatedAt: at }), { response: true, debate: false }],
    ["closed: none", petition("closed", { closedAt: at }), { response: false, debate: false }],
    ["collecting, but past its deadline: none", petition("open", { closedAt: at }), { response: false, debate: false }],
    ["rejected: none", petition("rejected"), { response: false, debate: false }],
    ["a draft: none", petition("draft"), { response: false, debate: false }],
  ] as const)("%s", (_name, p, expected) => {
    expect(thresholdsAhead(p)).toEqual(expected);
  });

  it("a rejected petition shows no signature count; every other published one does", () => {
    expect(showsSignatureCount({ status: "rejected" })).toBe(false);
    for (const status of ["open", "closed", "debated", "responded"] as const) expect(showsSignatureCount({ status })).toBe(true);
  });
});
