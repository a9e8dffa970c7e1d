import { expect, test, type Browser, type Page } from "@playwright/test";
import { asRead, DEMO, expectAccessible, firstLink, signIn, waitForMail } from "./support";

async function asPerson(browser: Browser, email?: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  return page;
}

/** The demo resident drafts and submits a petition and the clerk publishes it; returns its path. */
async function publishedPetition(browser: Browser, title: string): Promise<{ path: string; clerk: Page }> {
  const author = await asPerson(browser, DEMO.resident);
  await author.goto("/petitions/new");
  await author.getByLabel("Titel").fill(title);
  await author.getByLabel("Wat moet de gemeenteraad doen?").fill("Wij vragen de gemeenteraad om meer bomen in de Dorpsstraat te planten.");
  await author.getByLabel(/^Toelichting/).fill("Het is er in de zomer erg heet.");
  await author.getByRole("button", { name: "Concept opslaan" }).click();
  await expect(author.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(author.url()).pathname;
  await author.getByRole("button", { name: "Indienen" }).click();
  await expect(author.getByText("Petitie ingediend.")).toBeVisible();
  const clerk = await asPerson(browser, DEMO.clerk);
  await clerk.goto(`${path}/manage`);
  await clerk.getByRole("button", { name: "Petitie publiceren" }).click();
  await expect(clerk.getByText("De petitie is gepubliceerd.")).toBeVisible();
  return { path, clerk };
}

test.describe("you said, we did", () => {
  test("a signer sees the council's answer on My participation and in the email, and unsubscribes from it signed out", async ({ browser }) => {
    test.setTimeout(120_000);
    const title = `Bomen in de Dorpsstraat ${Date.now()}`;
    const { path, clerk } = await publishedPetition(browser, title);

    const signer = await asPerson(browser, DEMO.resident2);
    await signer.goto(path);
    await signer.getByRole("button", { name: "Onderteken", exact: true }).click();
    await expect(signer.getByText("Bedankt! Uw handtekening telt mee.")).toBeVisible();

    await clerk.goto(`${path}/manage`);
    await clerk.getByLabel("Tekst van het antwoord").fill("De raad plant dit najaar tien bomen in de Dorpsstraat.");
    await clerk.getByLabel("Verantwoordelijk orgaan").first().fill("College van B&W");
    await clerk.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await clerk.getByRole("button", { name: "Antwoord publiceren en versturen" }).click();
    await expect(clerk.getByText("Het antwoord is gepubliceerd en wordt naar alle ondertekenaars gestuurd.")).toBeVisible();

    // On My participation: signed, with the outcome, marked as news until seen.
    await signer.getByRole("navigation", { name: "Mijn account" }).getByRole("link", { name: "Mijn inspraak" }).click();
    await expect(signer.getByRole("heading", { level: 1, name: "Mijn inspraak" })).toBeVisible();
    const item = signer.getByRole("listitem").filter({ has: signer.getByRole("link", { name: title }) });
    await expect(item).toContainText("Hoe u meedeed: Ondertekend");
    await expect(item).toContainText(/Uitkomst: .+ op /);
    await expect(item).toContainText("Nieuw sinds uw laatste bezoek");
    await expectAccessible(signer);
    await item.getByRole("button", { name: /^Gezien/ }).click();
    await expect(signer.getByText("Gemarkeerd als gezien.")).toBeVisible();
    await expect(signer.getByRole("listitem").filter({ has: signer.getByRole("link", { name: title }) })).not.toContainText("Nieuw sinds uw laatste bezoek");
    await signer.getByRole("button", { name: "English" }).click();
    await expect(signer.getByRole("heading", { level: 1, name: "My participation" })).toBeVisible();
    await expectAccessible(signer);
    await signer.getByRole("button", { name: "Nederlands" }).click();

    // The email with the answer; its unsubscribe link works signed out, for this petition.
    const mail = await waitForMail(DEMO.resident2, (m) => m.subject.includes("heeft geantwoord") && m.text.includes("tien bomen"));
    const visitor = await asPerson(browser);
    await visitor.goto(firstLink(mail, "/unsubscribe/"));
    await expect(visitor.getByRole("heading", { level: 1, name: "Afmelden voor e-mails" })).toBeVisible();
    await expect(visitor.getByText(asRead(title))).toBeVisible();
    await visitor.getByRole("button", { name: "Afmelden" }).click();
    await expect(visitor.getByText(/U bent afgemeld/)).toBeVisible();
    await expectAccessible(visitor);
  });

  test("the overdue next steps and the notification choices pass axe in both languages", async ({ browser }) => {
    const page = await asPerson(browser);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Voettekst" }).getByRole("link", { name: "Te late vervolgstappen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Vervolgstappen die te laat zijn" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overdue next steps" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Nederlands" }).click();

    const resident = await asPerson(browser, DEMO.resident);
    await resident.goto("/profile");
    await resident.getByRole("link", { name: /Per soort gebeurtenis kiezen/ }).click();
    await expect(resident.getByRole("heading", { level: 1, name: "Meldingen per soort gebeurtenis" })).toBeVisible();
    await expectAccessible(resident);
  });

  test.describe("without JavaScript", () => {
    test("My participation filters by kind, and notification choices are saved", async ({ browser }) => {
      const page = await asPerson(browser, DEMO.resident, false);
      await page.goto("/participation");
      await expect(page.getByRole("heading", { level: 1, name: "Mijn inspraak" })).toBeVisible();
      await page.getByLabel("Soort").selectOption({ label: "Discussie" });
      await page.getByRole("button", { name: "Toon" }).click();
      await expect(page).toHaveURL(/kind=discussion/);
      await page.goto("/profile/notifications");
      await page.getByLabel("Reacties").selectOption({ label: "In het dagelijkse overzicht" });
      await page.getByRole("button", { name: "Opslaan" }).click();
      await expect(page.getByText("Uw keuzes zijn opgeslagen.")).toBeVisible();
      await expect(page.getByLabel("Reacties")).toHaveValue("digest");
      await page.getByLabel("Reacties").selectOption({ label: "Direct een e-mail" });
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.goto("/next-steps/overdue");
      await expect(page.getByRole("heading", { level: 1, name: "Vervolgstappen die te laat zijn" })).toBeVisible();
    });
  });
});
