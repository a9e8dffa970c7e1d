import { describe, expect, it } from "vitest";
import * as catalog from "~/i18n/eligibility";
import {
  ageOn,
  eligibility,
  neighbourhoodOf,
  type EligibilityRule,
  type IneligibleReason,
  type Participant,
} from "~/modules/residents/eligibility.rules";

const neighbourhoods = [
  { id: 1, postcodeFrom: 1011, postcodeTo: 1019 },
  { id: 2, postcodeFrom: 1020, postcodeTo: 1029 },
];
const anyone: EligibilityRule = { who: "confirmed-accounts", minimumAge: null, ageOnDay: null, neighbourhoodId: null };
const residentsOnly: EligibilityRule = { ...anyone, who: "verified-residents" };
const resident: Participant = { emailConfirmed: true, residentVerifiedAt: new Date("2026-01-05T10:00:00Z"), birthDate: "1990-06-01", postcode: "1015AB" };
const noon = new Date("2026-12-07T11:00:00Z");

describe("who may take part", () => {
  const cases: Array<[string, EligibilityRule, Partial<Participant>, IneligibleReason | null]> = [
    ["a verified resident, rule for verified residents", residentsOnly, {}, null],
    ["a confirmed account with a postcode in town, rule for any account", anyone, { residentVerifiedAt: null, birthDate: null }, null],
    ["an unverified account, rule for verified residents", residentsOnly, { residentVerifiedAt: null }, "not-verified-resident"],
    ["an unconfirmed email address goes first", residentsOnly, { emailConfirmed: false, residentVerifiedAt: null }, "email-not-confirmed"],
    ["no postcode", anyone, { postcode: null }, "no-postcode"],
    ["a postcode outside the municipality", anyone, { postcode: "9999ZZ" }, "outside-municipality"],
    ["a postcode just past the last range", anyone, { postcode: "1030AA" }, "outside-municipality"],
    ["a postcode on the edge of a range", { ...anyone, neighbourhoodId: 2 }, { postcode: "1029ZZ" }, null],
    ["a resident of another neighbourhood", { ...anyone, neighbourhoodId: 2 }, {}, "outside-neighbourhood"],
    ["a minimum age without a known birth date", { ...anyone, minimumAge: 16 }, { birthDate: null }, "age-unknown"],
    ["old enough", { ...residentsOnly, minimumAge: 16 }, { birthDate: "2010-12-07" }, null],
    ["a day short of the minimum age", { ...residentsOnly, minimumAge: 16 }, { birthDate: "2010-12-08" }, "too-young"],
    ["old enough on the peildatum though not today", { ...residentsOnly, minimumAge: 16, ageOnDay: "2026-12-31" }, { birthDate: "2010-12-20" }, null],
    ["too young on an earlier peildatum though old enough today", { ...residentsOnly, minimumAge: 16, ageOnDay: "2026-11-01" }, { birthDate: "2010-11-02" }, "too-young"],
  ];
  it.each(cases)("%s", (_, rule, facts, reason) => {
    const result = eligibility(rule, { ...resident, ...facts }, neighbourhoods, noon);
    expect(result).toEqual(reason ? { ok: false, reason } : { ok: true, neighbourhoodId: expect.any(Number) });
  });

  it("tells the neighbourhood a person counts in", () => {
    expect(eligibility(anyone, { ...resident, postcode: "1021XY" }, neighbourhoods, noon)).toEqual({ ok: true, neighbourhoodId: 2 });
  });
});

describe("the birthday in the municipality's time zone", () => {
  const eighteen: EligibilityRule = { ...residentsOnly, minimumAge: 18 };
  it.each([
    // 23:30 UTC on 14 March is 00:30 on the 15th in Amsterdam (winter time, UTC+1).
    ["2026-03-14T23:30:00Z", "2008-03-15", null],
    ["2026-03-14T22:59:59Z", "2008-03-15", "too-young"],
    // Summer time (UTC+2): 22:00 UTC on 9 July is midnight on the 10th.
    ["2026-07-09T22:00:00Z", "2008-07-10", null],
    ["2026-07-09T21:59:59Z", "2008-07-10", "too-young"],
  ] as const)("at %s someone born %s: %s", (at, birthDate, reason) => {
    const result = eligibility(eighteen, { ...resident, birthDate }, neighbourhoods, new Date(at));
    expect(result).toEqual(reason ? { ok: false, reason } : { ok: true, neighbourhoodId: 1 });
  });
});

describe("age in whole years", () => {
  it.each([
    ["2008-03-15", "2026-03-14", 17],
    ["2008-03-15", "2026-03-15", 18],
    ["2008-02-29", "2026-02-28", 17],
    ["2008-02-29", "2026-03-01", 18],
    ["2008-02-29", "2028-02-29", 20],
    ["2010-01-01", "2009-12-31", -1],
    ["2008-02-30", "2026-03-01", null],
    ["15-03-2008", "2026-03-01", null],
  ] as const)("born %s, on %s: %s", (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });
});

describe("neighbourhood of a postcode", () => {
  it.each([
    ["1011AB", 1],
    ["1019 zz", 1],
    ["1020AA", 2],
    ["1010AA", null],
    ["0123AB", null],
    ["niet", null],
  ] as const)("%s -> %s", (postcode, id) => {
    expect(neighbourhoodOf(postcode, neighbourhoods)).toBe(id);
  });
});

describe("messages", () => {
  it("has every reason in Dutch and English", () => {
    const reasons: IneligibleReason[] = ["email-not-confirmed", "not-verified-resident", "no-postcode", "outside-municipality", "outside-neighbourhood", "age-unknown", "too-young"];
    expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.nl).sort());
    for (const reason of reasons) expect(catalog.nl[`eligibility.${reason}`]).toBeTruthy();
  });
});
