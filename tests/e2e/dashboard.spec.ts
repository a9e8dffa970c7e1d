import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support";

async function visitor(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  return context.newPage();
}

/** The jobs process computes the figures within seconds of the start: reload until the page says when. */
async function openDashboard(page: Page, path = "/transparency"): Promise<void> {
  for (let tries = 0; tries < 30; tries++) {
    await page.goto(path);
    if (await page.getByText(/Deze cijfers zijn berekend op/).count()) return;
    await page.waitForTimeout(1_000);
  }
  throw new Error("the transparency figures were not computed within 30 seconds");
}

test.describe("the transparency dashboard", () => {
  test("is reached from the footer and passes axe in Dutch and English", async ({ browser }) => {
    const page = await visitor(browser);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Voettekst" }).getByRole("link", { name: "Transparantie in cijfers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Transparantie: hoe de gemeente met inspraak omgaat" })).toBeVisible();
    await openDashboard(page);
    // A year of history: lead times as a chart with a table beside it.
    await expect(page.getByRole("img", { name: "Verdeling: Van drempel tot antwoord" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Doorlooptijden in kalenderdagen" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Transparency: how the municipality handles participation" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Nederlands" }).click();
  });

  test.describe("without JavaScript", () => {
    test("filters by period and kind with a plain form, says what is wrong with a bad date, and downloads a figure", async ({ browser }) => {
      const page = await visitor(browser, false);
      await openDashboard(page);
      await page.getByLabel("Van (JJJJ-MM-DD)").fill("2026-02-30");
      await page.getByRole("button", { name: "Toon cijfers" }).click();
      await expect(page.getByText("Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.").first()).toBeVisible();
      await expect(page.getByText("Daarom staan hieronder de cijfers van de standaardperiode.")).toBeVisible();

      const to = new Date().toISOString().slice(0, 10);
      const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
      await page.getByLabel("Van (JJJJ-MM-DD)").fill(from);
      await page.getByLabel("Tot en met (JJJJ-MM-DD)").fill(to);
      await page.getByLabel("Soort", { exact: true }).selectOption({ label: "Petities" });
      await page.getByRole("button", { name: "Toon cijfers" }).click();
      await expect(page).toHaveURL(/kind=petition/);
      await expect(page.getByText("Vul een bestaande datum in")).toHaveCount(0);
      await expect(page.getByRole("table", { name: "Tabel: Termijnen van de gemeente" })).toBeVisible();

      const link = page.getByRole("link", { name: "Download als CSV: Doorlooptijden" });
      const href = await link.getAttribute("href");
      expect(href).toContain("figure=lead-times");
      expect(href).toContain("kind=petition");
      const csv = await page.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      expect((await csv.text()).split("\r\n")[0]).toBe("lead_time,kind,count,median_days,p90_days,days_0_1,days_2_7,days_8_14,days_15_30,days_31_90,days_91_plus");
    });
  });
});
