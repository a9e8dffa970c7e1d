import { translator } from "~/i18n";
import { describe, expect, it } from "vitest";
import {
  formatNoticeParams,
  localisedDate,
  markdownToPlain,
  NOTICE_PARAM_MAX,
  noticeSubject,
  noticeText,
  shorten,
  SUBJECT_MAX,
} from "~/modules/notifications/notice-format";

describe("markdownToPlain", () => {
  it.each([
    ["**natuurspeelplek** komt er", "natuurspeelplek komt er"],
    ["Een *klein* en _fijn_ plan", "Een klein en fijn plan"],
    ["## Besluit\n\nDe raad **stemt in**.", "Besluit De raad stemt in."],
    ["- eerste\n- tweede\n1. derde", "eerste tweede derde"],
    ["Zie [het besluit](https://example.org/b) en ![kaart](k.png)", "Zie het besluit en kaart"],
    ["> geciteerd\n\n`code` en ~~weg~~", "geciteerd code en weg"],
    ["Tekst met <b>html</b>", "Tekst met html"],
    ["5 < 7 en 8 > 3", "5 < 7 en 8 > 3"],
    ["5 * 3 = 15 en snake_case_naam", "5 * 3 = 15 en snake_case_naam"],
    ["Prijs \\*niet\\* vet", "Prijs *niet* vet"],
  ])("%j reads as %j", (markdown, plain) => {
    expect(markdownToPlain(markdown)).toBe(plain);
  });
});

describe("shorten", () => {
  it("keeps short text and cuts long text at a word, with an ellipsis", () => {
    expect(shorten("kort")).toBe("kort");
    const long = "woord ".repeat(60).trim();
    const cut = shorten(long);
    expect(cut.length).toBeLessThanOrEqual(NOTICE_PARAM_MAX);
    expect(cut.endsWith("woord…")).toBe(true);
    expect(shorten("a".repeat(200), 10)).toBe(`${"a".repeat(9)}…`);
  });
});

describe("localisedDate", () => {
  it("shows ISO days and moments as dates in the language, and leaves other text alone", () => {
    expect(localisedDate("nl", "2026-11-18")).toBe("18 november 2026");
    expect(localisedDate("en", "2026-11-18")).toBe("18 November 2026");
    expect(localisedDate("nl", "2026-11-18T18:30:00.000Z")).toBe("18 november 2026 om 19:30");
    expect(localisedDate("en", "2026-07-01T08:00:00Z")).toMatch(/^1 July 2026(,| at) 10:00$/);
    expect(localisedDate("nl", "Raadszaal")).toBeNull();
    expect(localisedDate("nl", "2026-13-45x")).toBeNull();
  });
});

describe("formatNoticeParams", () => {
  it("formats numbers, dates and text for the language, and keeps the link and ids", () => {
    const data = { title: "Speeltuin  **Noord**", count: 30000, date: "2026-11-18", conclusion: "We **doen** het.", link: "/petitions/7", commentId: 1234 };
    expect(formatNoticeParams(translator("nl"), data)).toEqual({
      title: "Speeltuin **Noord**",
      count: "30.000",
      date: "18 november 2026",
      conclusion: "We doen het.",
      link: "/petitions/7",
      commentId: 1234,
    });
    expect(formatNoticeParams(translator("en"), data)).toMatchObject({ count: "30,000", date: "18 November 2026" });
  });

  it("names a deleted account and cuts long text", () => {
    const params = formatNoticeParams(translator("en"), { name: "", reason: "x ".repeat(200) });
    expect(params.name).toBe("Deleted participant");
    expect(String(params.reason).length).toBeLessThanOrEqual(NOTICE_PARAM_MAX);
    expect(String(params.reason).endsWith("…")).toBe(true);
  });
});

describe("noticeText", () => {
  it("reads as one formatted line in each language", () => {
    expect(noticeText(translator("nl"), "petition.notification.closed", { title: "Bankjes", count: 30000 })).toBe("De petitie ‘Bankjes’ is gesloten met 30.000 handtekeningen.");
    expect(noticeText(translator("en"), "petition.notification.closed", { title: "Bankjes", count: 30000 })).toBe("The petition ‘Bankjes’ has closed with 30,000 signatures.");
    expect(noticeText(translator("en"), "petition.notification.closed", { title: "Bankjes", count: 1 })).toBe("The petition ‘Bankjes’ has closed with 1 signature.");
    expect(noticeText(translator("nl"), "petition.notification.debateScheduled", { title: "Bankjes", date: "2026-11-18" })).toBe(
      "De petitie ‘Bankjes’ wordt besproken in de raadsvergadering van 18 november 2026.",
    );
    expect(noticeText(translator("nl"), "some.unknown.type", {})).toBe("some.unknown.type");
  });
});

describe("noticeSubject", () => {
  it("is the notice's line when it holds no free text", () => {
    expect(noticeSubject(translator("nl"), "petition.notification.responded", { title: "Bankjes" })).toBe("De raad heeft de petitie ‘Bankjes’ beantwoord.");
  });

  it("stops before the free text and its label", () => {
    const conclusion = "**Ja.** " + "Een lange conclusie. ".repeat(30);
    expect(noticeSubject(translator("nl"), "discussion.notice.concluded", { title: "Natuurspeelplek", conclusion })).toBe("De discussie ‘Natuurspeelplek’ is gesloten");
    expect(noticeSubject(translator("en"), "discussion.notice.concluded", { title: "Natuurspeelplek", conclusion })).toBe("The discussion ‘Natuurspeelplek’ has been closed");
    expect(noticeSubject(translator("nl"), "moderation.notice.comment.hidden", { title: "Plein", reason: "Scheldwoorden" })).toBe("Uw reactie bij ‘Plein’ is verborgen door de moderatie");
    expect(noticeSubject(translator("nl"), "notification.nextStep.overdue", { title: "Plein", description: "Offerte" })).toBe("Vervolgstap te laat bij ‘Plein’");
    expect(noticeSubject(translator("en"), "moderation.notice.blocked", { reason: "Spam" })).toBe("Your account has been blocked: you can no longer take part");
  });

  it("is never long, whatever the title", () => {
    const subject = noticeSubject(translator("nl"), "discussion.notice.concluded", { title: "Heel lang ".repeat(40), conclusion: "x" });
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(subject).not.toContain("Conclusie");
  });
});
