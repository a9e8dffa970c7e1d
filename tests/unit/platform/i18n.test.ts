import { describe, expect, it } from "vitest";
import { catalogs, translator } from "~/i18n";
import * as common from "~/i18n/common";
import * as accounts from "~/i18n/accounts";
import * as petitions from "~/i18n/petitions";
import * as discussions from "~/i18n/discussions";

describe("the language catalogs", () => {
  it("have the same keys in Dutch and English, per domain", () => {
    for (const domain of [common, accounts, petitions, discussions]) {
      expect(Object.keys(domain.en).sort()).toEqual(Object.keys(domain.nl).sort());
    }
  });

  it("leave no message empty", () => {
    for (const locale of ["nl", "en"] as const) {
      for (const [key, value] of Object.entries(catalogs[locale])) expect(value.trim(), `${locale}:${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(catalogs.nl) as Array<keyof typeof catalogs.nl>) {
      expect(placeholders(catalogs.en[key]), key).toEqual(placeholders(catalogs.nl[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translator("en")("home.title", { municipality: "Voorbeeldstad" })).toBe("Have your say in Voorbeeldstad");
    expect(translator("nl")("home.title", { municipality: "Voorbeeldstad" })).toBe("Praat mee met Voorbeeldstad");
  });
});
