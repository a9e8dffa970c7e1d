import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut } from "./support";

/** How much wider than the window the document is; 0 when only tables scroll inside their own region. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("staff pages on a 320 px screen", () => {
  test("do not scroll sideways; only tables scroll, inside their own region", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto("/sign-in");
    expect(await overflow(page), "/sign-in").toBe(0);
    await expectAccessible(page);
    const pages: Array<[string, string[]]> = [
      [DEMO.clerk, ["/audit", "/moderation/statistics", "/moderation/blocks?user=demo-resident-2", "/moderation"]],
      [DEMO.admin, ["/admin/users", "/admin/outbox", "/admin/settings", "/admin/statements/privacy", "/audit"]],
    ];
    for (const [who, paths] of pages) {
      await signIn(page, who);
      for (const path of paths) {
        await page.goto(path);
        expect(await overflow(page), path).toBe(0);
        await expectAccessible(page);
      }
      await signOut(page);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});

test.describe("a block, previewed before it is made", () => {
  test("the clerk sees what it hides and what stays, confirms, and the petitioner's petition stays public", async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO.clerk);
    await page.goto("/moderation/blocks");
    await page.getByLabel(/zoek een persoon op e-mailadres/i).fill(DEMO.resident2);
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByLabel(/^reden/i).fill("Herhaaldelijk beledigende reacties");
    await page.getByRole("button", { name: "Bekijk wat de blokkade doet" }).click();
    const preview = page.getByRole("region", { name: /wat het blokkeren van jan jansen doet/i });
    await expect(preview).toBeVisible();
    await expect(preview).toContainText(/gepubliceerde petities en discussies blijven openbaar|gepubliceerde petitie of discussie blijft openbaar/);
    await expectAccessible(page);
    // Nothing happened yet.
    await expect(page.getByRole("table", { name: /geblokkeerde deelnemers/i })).toHaveCount(0);
    try {
      await preview.getByRole("button", { name: "Jan Jansen blokkeren" }).click();
      await expect(page.getByText("De persoon is geblokkeerd en op de hoogte gebracht.")).toBeVisible();
      await expect(page.getByRole("table", { name: /geblokkeerde deelnemers/i })).toContainText("Jan Jansen");

      const visitor = await browser.newPage();
      await visitor.goto(`/petitions?status=all&q=${encodeURIComponent("Wilhelminapark groen")}`);
      await visitor.getByRole("link", { name: /Wilhelminapark groen/ }).first().click();
      await expect(visitor.getByRole("heading", { level: 1 })).toContainText("Wilhelminapark");
      await visitor.close();
    } finally {
      await page.goto("/moderation/blocks");
      const reason = page.getByLabel(/reden voor opheffen van de blokkade van jan jansen/i);
      if (await reason.count()) {
        await reason.fill("Einde van de test");
        await page.getByRole("button", { name: "Blokkade opheffen" }).click();
        await expect(page.getByText("De blokkade is opgeheven.")).toBeVisible();
      }
    }
  });
});
