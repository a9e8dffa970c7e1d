// Home, registration and list pages promise only what exists and show each item's state (issue 9, point 15).
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { createTestApp, type TestApp } from "../../support/handler";
import { actorOf, clerk, makePetition } from "./helpers";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});

const NOT_YET = /voorstel|verordening|stemm|stemt|proposal|bylaw|vote/i;

describe("what the pages promise", () => {
  it.each(["nl", "en"] as const)("home and registration speak only of petitions and discussions (%s)", (locale) => {
    const t = translator(locale);
    expect(t("home.intro")).not.toMatch(NOT_YET);
    expect(t("auth.register.intro")).not.toMatch(NOT_YET);
  });

  it("the home page invites to start a petition and shows each card's state", async () => {
    await makePetition({ title: "Een open petitie voor de thuispagina" });
    const html = await (await app.get("/")).text();
    expect(html).toMatch(/<a[^>]*href="\/petitions\/new"[^>]*>Start een petitie<\/a>/);
    expect(html).toMatch(/Een open petitie voor de thuispagina[\s\S]*?<\/li>/);
    const card = /<li class="inspraak-card">(?:(?!<\/li>)[\s\S])*Een open petitie voor de thuispagina(?:(?!<\/li>)[\s\S])*<\/li>/.exec(html)![0];
    expect(card).toContain(">Open<");
  });

  it("the petition list has an 'all' filter with every published petition, and a rejected one shows no count", async () => {
    const open = await makePetition({ title: "Open petitie in de lijst met alles" });
    const rejected = await makePetition({ title: "Afgewezen petitie in de lijst met alles", stage: "submitted" });
    expect(rejectPetition(actorOf(await clerk()), rejected.id, { code: "duplicate" }).ok).toBe(true);
    const html = await (await app.get(`/petitions?status=all&sort=newest&q=${encodeURIComponent("in de lijst met alles")}`)).text();
    expect(html).toContain('<option value="all" selected="">Alle petities</option>');
    expect(html).toContain("Open petitie in de lijst met alles");
    expect(html).toContain("Afgewezen petitie in de lijst met alles");
    const item = /<li class="inspraak-petitions-list__item">(?:(?!<\/li>)[\s\S])*Afgewezen petitie in de lijst met alles(?:(?!<\/li>)[\s\S])*<\/li>/.exec(html)![0];
    expect(item).toContain("Afgewezen");
    expect(item).not.toMatch(/handtekening|Gesloten op/);
    expect(open.id).toBeGreaterThan(0);
  });
});
