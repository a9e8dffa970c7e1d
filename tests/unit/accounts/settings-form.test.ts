import { describe, expect, it } from "vitest";
import { settingFields, settingSections, settingsFormSchema } from "~/modules/accounts/settings-form.server";
import { defaultSettings, settingKeys } from "~/modules/settings/settings.schema";

describe("the admin settings form", () => {
  const fields = settingFields(defaultSettings());
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));

  it("has one field per setting key", () => {
    expect(fields.map((f) => f.key)).toEqual(settingKeys());
  });

  it("shows the platform's own settings first and each kind's under the kind's heading", () => {
    const sections = settingSections(defaultSettings());
    expect(sections[0]).toMatchObject({ heading: null });
    expect(sections[0]!.fields.map((f) => f.key)).toContain("flagHideThreshold");
    const petitions = sections.find((s) => s.heading === "nav.petitions");
    expect(petitions?.fields.map((f) => f.key)).toEqual(expect.arrayContaining(["petitionResponseThreshold", "petitionDurationDays"]));
    expect(sections.flatMap((s) => s.fields.map((f) => f.key)).sort()).toEqual([...settingKeys()].sort());
  });

  it("knows what kind of field each setting wants", () => {
    expect(byKey.municipalityName).toMatchObject({ kind: "text", max: 80 });
    expect(byKey.defaultLocale).toMatchObject({ kind: "choice", options: ["nl", "en"], optional: true, value: null });
    expect(byKey.petitionResponseThreshold).toMatchObject({ kind: "number", min: 1, max: 1_000_000, value: 500 });
    expect(byKey.commentRequireVerifiedEmail).toMatchObject({ kind: "boolean", value: true });
  });

  it("reads yes/no selects as booleans and an empty default language as unset", () => {
    const form = Object.fromEntries(fields.map((f) => [f.key, f.value === null ? "" : String(f.value)]));
    const parsed = settingsFormSchema().parse({ ...form, commentRequireVerifiedEmail: "false", defaultLocale: "" });
    expect(parsed.commentRequireVerifiedEmail).toBe(false);
    expect(parsed.defaultLocale).toBeUndefined();
    expect(parsed.petitionResponseThreshold).toBe(500);
  });

  it("refuses values outside a setting's range", () => {
    const form = Object.fromEntries(fields.map((f) => [f.key, f.value === null ? "" : String(f.value)]));
    const result = settingsFormSchema().safeParse({ ...form, petitionDurationDays: "3", municipalityName: "X" });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["petitionDurationDays", "municipalityName"]));
  });
});
