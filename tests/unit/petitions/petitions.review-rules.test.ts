import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { isDueDateAcceptable, needsRejectionNote, REJECTION_CODES } from "~/modules/petitions/petitions.rules";
import { NextStepForm, RejectForm, ResidentPostcodeSignatureForm } from "~/modules/petitions/petitions.schema";
import { parseForm } from "~/utils/forms.server";
import { localDay } from "~/utils/local-time";

const NOW = new Date("2026-03-10T10:00:00Z");
const DAY = 86_400_000;

describe("a rejection needs a note only when its reason points at the note", () => {
  it.each(REJECTION_CODES.map((code) => [code, code === "other"] as const))("%s -> %s", (code, needed) => {
    expect(needsRejectionNote(code)).toBe(needed);
  });

  it.each([
    ["other, no note", { code: "other" }, false],
    ["other, blank note", { code: "other", note: "  " }, false],
    ["other, with a note", { code: "other", note: "Zie de brief van de griffie." }, true],
    ["unclear, no note", { code: "unclear" }, true],
  ])("%s: accepted %s", (_label, input, ok) => {
    const parsed = RejectForm.safeParse({ intent: "reject", ...input });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) expect(parsed.error.issues[0]).toMatchObject({ path: ["note"], message: "petition.error.noteRequired" });
  });
});

describe("a new next step's due date", () => {
  it.each([
    ["a day ago", -DAY, false],
    ["a second ago", -1000, false],
    ["exactly now", 0, false],
    ["in a minute", 60_000, true],
    ["next month", 30 * DAY, true],
  ])("%s: acceptable %s", (_label, offset, ok) => {
    expect(isDueDateAcceptable(new Date(NOW.getTime() + offset), NOW)).toBe(ok);
  });

  it("is refused in the form when the day lies in the past, and taken from tomorrow on (or without a date)", () => {
    const day = (offset: number) => localDay(new Date(Date.now() + offset * DAY));
    const base = { intent: "add-next-step", description: "Het college schrijft een plan." };
    expect(NextStepForm.safeParse({ ...base, dueDate: day(-1) }).success).toBe(false);
    expect(NextStepForm.safeParse({ ...base, dueDate: day(1) }).success).toBe(true);
    expect(NextStepForm.safeParse({ ...base, dueDate: "" }).success).toBe(true);
    const refused = parseForm(new URLSearchParams({ ...base, dueDate: day(-3) }), NextStepForm, translator("en"));
    expect(refused).toMatchObject({ ok: false, errors: { dueDate: "Choose a date in the future: a new step cannot be late already." } });
  });
});

describe("a resident's signature with a postcode", () => {
  it.each([
    ["no postcode", { residence: "on" }, "postcode", "Vul uw postcode in. Alleen inwoners kunnen tekenen, en uw handtekening telt mee in uw wijk."],
    ["an empty postcode", { postcode: " ", residence: "on" }, "postcode", "Vul uw postcode in. Alleen inwoners kunnen tekenen, en uw handtekening telt mee in uw wijk."],
    ["a malformed postcode", { postcode: "AB 1234", residence: "on" }, "postcode", "Vul een geldige postcode in, zoals 1234 AB."],
    ["no declaration", { postcode: "9903 AB" }, "residence", "U moet dit bevestigen om verder te gaan."],
  ])("with %s is refused beside the field", (_label, input, field, message) => {
    const parsed = parseForm(new URLSearchParams({ intent: "sign", ...input }), ResidentPostcodeSignatureForm, translator("nl"));
    expect(parsed).toMatchObject({ ok: false, errors: { [field]: message } });
  });

  it("normalises the postcode like a guest's", () => {
    expect(ResidentPostcodeSignatureForm.parse({ intent: "sign", postcode: " 9903 ab ", residence: "on" })).toEqual({ intent: "sign", postcode: "9903AB", residence: "on", showName: false });
  });
});
