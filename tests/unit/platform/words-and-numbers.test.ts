// Issue #9 point 18: numbers, "today" and page names read the same everywhere.
import { describe, expect, it } from "vitest";
import { catalogs, translator } from "~/i18n";

describe("numbers in messages", () => {
  it("are formatted as elsewhere in the page ('2.000' / '2,000'), not as raw digits", () => {
    expect(translator("nl")("timeline.threshold-reached", { count: 2000 })).toBe("Drempel van 2.000 bereikt");
    expect(translator("en")("timeline.threshold-reached", { count: 10000 })).toBe("Threshold of 10,000 reached");
  });

  it("leave ids as they are", () => {
    expect(translator("nl")("petition.withheld.title", { id: 12345 })).toBe("Afgewezen petitie 12345");
  });
});

describe("a wait of zero days", () => {
  it("reads as today, not '0 days'", () => {
    expect(translator("nl")("petition.queue.days", { days: 0 })).toBe("vandaag");
    expect(translator("en")("petition.queue.days", { days: 0 })).toBe("today");
    expect(translator("nl")("petition.review.waiting", { days: 0 })).toBe("sinds vandaag");
    expect(translator("en")("petition.review.waiting", { days: 0 })).toBe("since today");
    expect(translator("nl")("petition.review.waiting", { days: 2 })).toBe("wacht 2 dagen");
  });
});

describe("the petition moderation page", () => {
  it("has one name: the menu's link and the page's heading agree", () => {
    for (const locale of ["nl", "en"] as const) {
      expect(catalogs[locale]["shell.petitionQueue"]).toBe(catalogs[locale]["petition.queue.title"]);
    }
  });
});
