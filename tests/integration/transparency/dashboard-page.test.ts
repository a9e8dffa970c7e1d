// The public dashboard page and its CSV downloads: open to everyone, the filter read from a plain
// GET form, bad input answered with a translated message and a 400 (never a 500), the CSV the
// same figures as the page.
import { describe, expect, it } from "vitest";
import { refreshTransparencyFigures } from "~/modules/transparency/transparency.jobs.server";
import * as page from "~/routes/transparency";
import * as csv from "~/routes/transparency[.]csv";
import { sqlite } from "~/utils/db.server";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";

function petitionWithLeadTime(submitted: string, published: string): void {
  const raw = sqlite();
  const { id } = raw.prepare("INSERT INTO topics (kind, title, status, is_public) VALUES ('petition', 'Op het dashboard', 'open', 1) RETURNING id").get() as { id: number };
  const insert = raw.prepare("INSERT INTO topic_events (topic_id, kind, type, data, created_at) VALUES (?, 'petition', ?, '{}', ?)");
  insert.run(id, "submitted", new Date(submitted).getTime());
  insert.run(id, "published", new Date(published).getTime());
}

describe("the transparency dashboard", () => {
  it("is public, states when the figures were computed, and shows them for the period asked", async () => {
    petitionWithLeadTime("2026-03-02T10:00:00+01:00", "2026-03-05T10:00:00+01:00");
    const now = new Date("2026-03-10T12:00:00+01:00");
    await refreshTransparencyFigures(now);
    const result = await callRoute(page, { path: "/transparency?from=2026-03-01&to=2026-03-31&kind=petition" });
    expect(result.status).toBe(200);
    expect(result.data.errors).toBeNull();
    expect(result.data.figures.computedAt).toBe(now.toISOString());
    expect(result.data.figures.leadTimes.find((l: { leadTime: string }) => l.leadTime === "submission-publication")).toMatchObject({ count: 1, median: 3 });
    await expectPermissions({ route: page, request: () => ({ path: "/transparency" }), allowed: ["visitor", "resident", "clerk", "councillor", "admin"] });
    await expectPermissions({ route: csv, request: () => ({ path: "/transparency.csv?figure=overdue" }), allowed: ["visitor", "resident", "clerk", "councillor", "admin"] });
  });

  it.each([
    ["from=2026-02-30", "from", "Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.", "Enter a real date as YYYY-MM-DD, for example 2026-01-31."],
    ["to=morgen", "to", "Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.", "Enter a real date as YYYY-MM-DD, for example 2026-01-31."],
    ["from=1850-01-01", "from", "Kies een datum vanaf 1 januari 2000 en niet verder dan een jaar vooruit.", "Choose a date from 1 January 2000 and no more than a year ahead."],
    ["from=2026-05-01&to=2026-04-01", "to", "De einddatum ligt voor de begindatum.", "The end date is before the start date."],
    ["kind=%3Cscript%3E", "kind", "Kies een soort uit de lijst.", "Choose a kind from the list."],
  ])("refuses %s with a message beside the field in Dutch and English, and still shows figures", async (query, field, nl, en) => {
    const dutch = await callRoute(page, { path: `/transparency?${query}`, headers: { "Accept-Language": "nl" } });
    expect(dutch.status).toBe(400);
    expect(dutch.data.errors).toEqual({ [field]: nl });
    expect(dutch.data.figures.leadTimes).toHaveLength(5);
    const english = await callRoute(page, { path: `/transparency?${query}`, headers: { "Accept-Language": "en" } });
    expect(english.status).toBe(400);
    expect(english.data.errors).toEqual({ [field]: en });
    const download = await callRoute(csv, { path: `/transparency.csv?figure=participation&${query}`, headers: { "Accept-Language": "en" } });
    expect(download.status).toBe(400);
    expect(download.data).toContain(en);
  });

  it("downloads every figure as CSV, the same numbers as the page", async () => {
    petitionWithLeadTime("2026-04-02T10:00:00+02:00", "2026-04-09T10:00:00+02:00");
    await refreshTransparencyFigures(new Date("2026-04-10T12:00:00+02:00"));
    const lead = await callRoute(csv, { path: "/transparency.csv?figure=lead-times&from=2026-04-01&to=2026-04-30" });
    expect(lead.status).toBe(200);
    expect(lead.headers.get("Content-Type")).toContain("text/csv");
    expect(lead.headers.get("Content-Disposition")).toContain('filename="transparency-lead-times-2026-04-01-2026-04-30.csv"');
    const lines = (lead.data as string).trim().split("\r\n");
    expect(lines[0]).toBe("lead_time,kind,count,median_days,p90_days,days_0_1,days_2_7,days_8_14,days_15_30,days_31_90,days_91_plus");
    expect(lines).toContain("submission-publication,all,1,7,7,0,1,0,0,0,0");
    expect(lines).toContain("submission-publication,petition,1,7,7,,,,,,");
    for (const figure of ["participation", "neighbourhoods", "published", "overdue", "moderation"]) {
      const result = await callRoute(csv, { path: `/transparency.csv?figure=${figure}&from=2026-04-01&to=2026-04-30` });
      expect(result.status, figure).toBe(200);
    }
    const places = await callRoute(csv, { path: "/transparency.csv?figure=neighbourhoods&from=2026-04-01&to=2026-04-30" });
    expect((places.data as string).split("\r\n")[0]).toBe("day,neighbourhood_id,neighbourhood,new_participants");
    const published = await callRoute(csv, { path: "/transparency.csv?figure=published&from=2026-04-01&to=2026-04-30&kind=petition" });
    expect((published.data as string).split("\r\n")).toContain("petition,publication,1");
    expect((await callRoute(csv, { path: "/transparency.csv?figure=everything" })).status).toBe(400);
  });
});
