import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn } from "./support";

const receiverUrl = (page: Page) => new URL("/demo/webhook-receiver", page.url()).href;

/** Reloads the page until the text shows: the jobs process sends within a few seconds. */
async function reloadUntil(page: Page, text: string | RegExp) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.locator("main").innerText()).match(text) !== null;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(true);
}

test.describe("webhooks", () => {
  test("an admin registers an endpoint, sends test events and reads the delivery log; the demo receiver verifies them", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("navigation", { name: /beheer/i }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Zo controleert de ontvanger een bericht" })).toBeVisible();
    await expect(page.getByText(/Dit is de demo: daarom is het loopbackadres/)).toBeVisible();
    await expectAccessible(page);

    // The demo's own endpoint: a test event reaches the receiver, which accepts its signature.
    await page.getByRole("link", { name: "Demo-ontvanger (zaaksysteem)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Webhook: Demo-ontvanger/ })).toBeVisible();
    await page.getByRole("button", { name: "Testbericht versturen" }).click();
    await expect(page.getByText(/Het testbericht staat klaar/)).toBeVisible();
    await reloadUntil(page, /Afgeleverd/);
    await expectAccessible(page);
    await page.goto("/demo/webhook-receiver");
    await expect(page).toHaveURL(/\/demo\/webhook-receiver\/received$/);
    await expect(page.getByRole("heading", { level: 1, name: "Demo-ontvanger van webhooks" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("Geaccepteerd");
    await expectAccessible(page);

    // Registering: bad input is told beside its field.
    await page.goto("/admin/webhooks/new");
    await expectAccessible(page);
    await page.getByLabel("Adres (URL)").fill("ftp://zaken.example.nl/inspraak");
    await page.getByRole("button", { name: "Registreren" }).click();
    await expect(page.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
    await expect(page.getByLabel("Adres (URL)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Het adres moet beginnen met https:// of http://.").first()).toBeVisible();
    await expect(page.getByText("Kies minstens één gebeurtenis.").first()).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Adres (URL)").fill(receiverUrl(page));
    await page.getByLabel("Naam").fill("Zaaksysteem met eigen sleutel");
    await page.getByLabel("Alle openbare gebeurtenissen, ook soorten die later bijkomen").check();
    await page.getByRole("button", { name: "Registreren" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhook geregistreerd" })).toBeVisible();
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
    await expectAccessible(page);

    // Its key is not the receiver's: the receiver refuses the test event, and the log says so.
    await page.getByRole("link", { name: "Naar de webhook en het verzendlogboek" }).click();
    await page.getByRole("button", { name: "Testbericht versturen" }).click();
    await reloadUntil(page, /HTTP 401/);
    await expect(page.getByRole("table", { name: "Berichten aan deze webhook, nieuwste eerst" })).toContainText("Wachtend");
    await expectAccessible(page);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("registering an endpoint and sending a test event work", async ({ page }) => {
      await signIn(page, DEMO.admin);
      await page.goto("/admin/webhooks/new");
      await page.getByLabel("Adres (URL)").fill("http://10.1.2.3/zaak");
      await page.getByLabel("Alle openbare gebeurtenissen, ook soorten die later bijkomen").check();
      await page.getByRole("button", { name: "Registreren" }).click();
      await expect(page.getByText(/niet op het openbare internet/).first()).toBeVisible();

      await page.getByLabel("Adres (URL)").fill(receiverUrl(page));
      await page.getByLabel("Naam").fill("Zonder JavaScript");
      await page.getByLabel("Alle openbare gebeurtenissen, ook soorten die later bijkomen").check();
      await page.getByRole("button", { name: "Registreren" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Webhook geregistreerd" })).toBeVisible();
      await page.getByRole("link", { name: "Naar de webhook en het verzendlogboek" }).click();
      await page.getByRole("button", { name: "Testbericht versturen" }).click();
      await expect(page.getByText(/Het testbericht staat klaar/)).toBeVisible();
      await reloadUntil(page, /HTTP 401/);
      await page.getByRole("button", { name: "Pauzeren" }).click();
      await expect(page.getByText("De webhook is gepauzeerd. Berichten wachten tot u hem hervat.")).toBeVisible();
      await page.getByRole("button", { name: "Verwijderen" }).click();
      await expect(page.getByText("Vink aan dat u deze webhook wilt verwijderen.").first()).toBeVisible();
      await page.getByLabel("Ja, verwijder deze webhook").check();
      await page.getByRole("button", { name: "Verwijderen" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expect(page.getByText("De webhook en zijn logboek zijn verwijderd.")).toBeVisible();
      await expect(page.getByRole("link", { name: "Zonder JavaScript" })).toHaveCount(0);
    });
  });
});
