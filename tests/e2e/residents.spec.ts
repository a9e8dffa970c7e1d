import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, asRead, expectAccessible, signIn } from "./support";

// The demo's unused letter code for Jan Jansen's address (app/modules/residents/residents.server.ts).
const DEMO_LETTER_CODE = "STAD-HALL-2345";

test.describe("resident verification", () => {
  test("a resident verifies with the code from their letter; a clerk revokes it and verifies them at the desk", async ({ page }) => {
    await signIn(page, DEMO.resident2);
    await page.goto("/profile");
    await page.getByRole("link", { name: "Laat zien dat u in de gemeente woont" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Laten zien dat u hier woont" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Lettercode").fill("ABCD-EFGH-JKLM");
    await page.getByLabel("Geboortedatum").fill("12-03-1975");
    await page.getByRole("button", { name: "Verifiëren" }).click();
    await expect(page.getByRole("link", { name: /Deze code kennen we niet/ })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Lettercode").fill(DEMO_LETTER_CODE.toLowerCase());
    await page.getByLabel("Geboortedatum").fill("12-03-1975");
    await page.getByRole("button", { name: "Verifiëren" }).click();
    await expect(page.getByText(asRead("U bent geverifieerd als inwoner van postcode 9912CD."))).toBeVisible();
    await expect(page.getByText(/U bent geverifieerd als inwoner sinds .*, met postcode 9912CD\./)).toBeVisible();

    await page.context().clearCookies();
    await signIn(page, DEMO.clerk);
    await page.getByRole("link", { name: "Balie", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Inwoners verifiëren aan de balie" })).toBeVisible();
    await page.getByLabel("E-mailadres van de persoon").fill(DEMO.resident2.toUpperCase());
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page.getByText(/Geverifieerd sinds .*, postcode 9912CD/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Verificaties van deze persoon" })).toContainText("Met een lettercode");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Verificatie intrekken" }).click();
    await expect(page.getByRole("link", { name: /Kies waarom u de verificatie intrekt/ })).toBeVisible();
    await page.getByLabel("Verhuisd buiten de gemeente").check();
    await page.getByRole("button", { name: "Verificatie intrekken" }).click();
    await expect(page.getByText(asRead("De verificatie van Jan Jansen is ingetrokken."))).toBeVisible();
    await expect(page.getByText("Niet geverifieerd")).toBeVisible();

    await page.getByLabel("Postcode van het woonadres").fill("9914 AB");
    await page.getByLabel("Geboortedatum").fill("1975-03-12");
    await page.getByLabel("Paspoort").check();
    await page.getByRole("button", { name: "Verifiëren als inwoner" }).click();
    await expect(page.getByText(asRead("Jan Jansen is geverifieerd als inwoner."))).toBeVisible();
    await expect(page.getByText(/Geverifieerd sinds .*, postcode 9914AB/)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Lettercodes maken voor een brievenmailing" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Lettercodes maken" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("textbox", { name: /^Adressen/ }).fill("Damrak 1; 1012 LG; Amsterdam");
    await page.getByRole("button", { name: "Codes maken en downloaden" }).click();
    await expect(page.getByRole("link", { name: /Regel 1: deze postcode ligt niet in de gemeente\./ })).toBeVisible();
    await expectAccessible(page);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a clerk downloads letter codes for a mailing, and a resident uses one", async ({ page }) => {
      await signIn(page, DEMO.clerk);
      await page.goto("/residents/letter-codes");
      await page.getByRole("textbox", { name: /^Adressen/ }).fill("Stadhuisplein 1; 9901 AB; Voorbeeldstad\nDamrak 1; 1012 LG; Amsterdam");
      await page.getByRole("button", { name: "Codes maken en downloaden" }).click();
      await expect(page.getByText("Regel 2: deze postcode ligt niet in de gemeente.").first()).toBeVisible();

      await page.getByRole("textbox", { name: /^Adressen/ }).fill("Stadhuisplein 1; 9901 AB; Voorbeeldstad\nMarkt 7; 9902 CD; Voorbeeldstad");
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Codes maken en downloaden" }).click();
      const download = await downloading;
      const csv = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n");
      expect(csv[0]).toBe("adres,code,geldig_tot");
      expect(csv).toHaveLength(3);
      const code = csv[2]!.split(",")[1]!;
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

      await page.context().clearCookies();
      await signIn(page, DEMO.councillor);
      await page.goto("/residents/verify");
      await page.getByLabel("Lettercode").fill(code);
      await page.getByLabel("Geboortedatum").fill("01-01-1980");
      await page.getByRole("button", { name: "Verifiëren" }).click();
      await expect(page.getByText(asRead("U bent geverifieerd als inwoner van postcode 9902CD."))).toBeVisible();
    });
  });
});
