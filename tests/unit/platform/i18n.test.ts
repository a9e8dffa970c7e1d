import { describe, expect, it } from "vitest";
import { catalogs, countOf, pluralCategory, translator, type Locale } from "~/i18n";
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
    // `{name}` and the number of a plural `{name, plural, ...}`, each once; a plural's branch of one
    // word (`=0 {vandaag}`) is text, not a placeholder.
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(catalogs.nl) as Array<keyof typeof catalogs.nl>) {
      expect(placeholders(catalogs.en[key]), key).toEqual(placeholders(catalogs.nl[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translator("en")("home.title", { municipality: "Voorbeeldstad" })).toBe("Have your say in Voorbeeldstad");
    expect(translator("nl")("home.title", { municipality: "Voorbeeldstad" })).toBe("Praat mee met Voorbeeldstad");
  });
});

describe("plural messages", () => {
  const nl = translator("nl");
  const en = translator("en");

  it.each([
    ["nl", 0, "0 petities: Alle"],
    ["nl", 1, "1 petitie: Alle"],
    ["nl", 2, "2 petities: Alle"],
    ["en", 0, "0 petitions: All"],
    ["en", 1, "1 petition: All"],
    ["en", 2, "2 petitions: All"],
  ] as const)("chooses the form by the count (%s, %i)", (locale, count, expected) => {
    const t = translator(locale as Locale);
    expect(t("petition.list.results", { count, filter: locale === "nl" ? "Alle" : "All" })).toBe(expected);
  });

  it("formats a count passed as a number, and keeps one the caller formatted", () => {
    expect(nl("petition.count.signatures", { count: 30000 })).toBe("30.000 handtekeningen");
    expect(en("petition.count.signatures", { count: 30000 })).toBe("30,000 signatures");
    expect(nl("petition.count.signatures", { count: "1.000" })).toBe("1.000 handtekeningen");
    expect(nl("petition.count.signatures", { count: "1" })).toBe("1 handtekening");
    expect(en("petition.count.signatures", { count: "1" })).toBe("1 signature");
  });

  it("fills the other placeholders of the message too, around and inside the plural", () => {
    expect(nl("search.results", { count: 1, query: "park" })).toBe("1 resultaat voor ‘park’");
    expect(en("search.results", { count: 3, query: "park" })).toBe("3 results for ‘park’");
    expect(en("petition.notification.closed", { count: 1, title: "Bankjes" })).toBe("The petition ‘Bankjes’ has closed with 1 signature.");
  });

  it("fixes the reported messages: 1 petitie, 1 resultaat, 1 melding, 1 volger", () => {
    expect(nl("topic.followers", { count: 1 })).toBe("1 volger");
    expect(nl("topic.followers", { count: 0 })).toBe("0 volgers");
    expect(en("topic.followers", { count: 1 })).toBe("1 follower");
    expect(nl("moderation.item.flags", { count: 1 })).toBe("1 melding");
    expect(en("moderation.item.flags", { count: 2 })).toBe("2 reports");
    expect(nl("moderation.item.waiting.days", { count: 1 })).toBe("wacht 1 dag");
  });

  it("leaves a message alone when its count is not given", () => {
    expect(nl("topic.followers")).toBe(catalogs.nl["topic.followers"]);
    expect(nl("search.results", { query: "x" })).toContain("{count, plural,");
  });

  it("reads counts formatted in the locale back, and anything else as 'other'", () => {
    expect(countOf("nl", "30.000")).toBe(30000);
    expect(countOf("en", "30,000")).toBe(30000);
    expect(countOf("nl", "1,5")).toBe(1.5);
    expect(countOf("en", "1.5")).toBe(1.5);
    expect(pluralCategory("nl", "1")).toBe("one");
    expect(pluralCategory("en", 1)).toBe("one");
    expect(pluralCategory("nl", "1,5")).toBe("other");
    expect(pluralCategory("en", "veel")).toBe("other");
  });

  it("leaves no count message without its plural, in either language", () => {
    // Messages that put a noun after a count must choose its form; these are the exceptions that read right for 1.
    const fine = new Set(["shell.inbox.unread", "timeline.threshold-reached", "comment.section.title", "comment.upvote", "moderation.item.reason", "petition.progress.response", "petition.progress.debate", "petition.preview.sponsorCount", "petition.queue.submitted", "petition.notification.clerk.responseDue", "petition.notification.clerk.debateDue"]);
    // Dutch "keer" and "uur" do not change after a number.
    const fineInDutch = new Set(["comment.upvotes", "comment.error.accountTooNew", "moderation.item.waiting.hours", "moderation.stats.hours"]);
    const bare = /\{(count|days|hours|minutes|months)\}\s+\p{L}/u;
    for (const locale of ["nl", "en"] as const) {
      for (const [key, value] of Object.entries(catalogs[locale])) {
        if (fine.has(key) || (locale === "nl" && fineInDutch.has(key))) continue;
        expect(bare.test(value), `${locale}:${key}: ${value}`).toBe(false);
      }
    }
  });
});
