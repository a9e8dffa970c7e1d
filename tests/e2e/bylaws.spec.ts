import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, asRead, expectAccessible, signIn, waitForMail } from "./support";

async function personPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe("co-writing a draft bylaw", () => {
  test("a clerk imports and publishes; residents amend and support without JavaScript; the clerk accepts, publishes version 2, compares and closes with a report", async ({ browser }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const title = `Verordening fietsparkeren ${stamp}`;
    const markdown = [
      `# ${title}`,
      "",
      "Regels voor fietsen in het centrum.",
      "",
      "## Artikel 1. Fietsenrekken",
      "",
      "1. Fietsen staan in de rekken.",
      "2. Een fiets die langer dan twee weken stilstaat wordt verwijderd.",
      "",
      "## Artikel 2. Weesfietsen",
      "",
      "Verwijderde fietsen worden zes weken bewaard.",
      "",
    ].join("\n");

    // The clerk imports the draft from a markdown file and publishes it.
    const clerk = await personPage(browser, DEMO.clerk);
    await clerk.goto("/bylaws");
    await clerk.getByRole("link", { name: "Nieuwe conceptverordening" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Nieuwe conceptverordening" })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Titel", { exact: true }).fill(title);
    await clerk.getByLabel("Of lever een bestand aan").setInputFiles({ name: "fietsen.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
    await clerk.getByLabel("Laatste dag van de inspraak").fill(inDays(14));
    await clerk.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(clerk.getByText("Lever een .md-, .markdown- of .txt-bestand aan.").first()).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Titel", { exact: true }).fill(title);
    await clerk.getByLabel("Of lever een bestand aan").setInputFiles({ name: "fietsen.md", mimeType: "text/markdown", buffer: Buffer.from(markdown) });
    await clerk.getByLabel("Laatste dag van de inspraak").fill(inDays(14));
    await clerk.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(clerk.getByText("Dit is een concept.")).toBeVisible();
    const draftPath = new URL(clerk.url()).pathname;

    // Before publishing, the clerk edits the saved draft without JavaScript: a new text for article 2.
    const clerkNoJs = await personPage(browser, DEMO.clerk, false);
    await clerkNoJs.goto(draftPath);
    await clerkNoJs.getByRole("link", { name: "Concept bewerken" }).click();
    await expect(clerkNoJs.getByRole("heading", { level: 1, name: "Concept bewerken" })).toBeVisible();
    const second = clerkNoJs.getByRole("group", { name: "Artikel 2. Weesfietsen" });
    await second.getByLabel("Tekst", { exact: true }).fill("");
    await clerkNoJs.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await expect(clerkNoJs.getByRole("group", { name: "Artikel 2. Weesfietsen" }).getByText("Artikel 2 heeft geen tekst", { exact: false })).toBeVisible();
    await clerkNoJs.getByRole("group", { name: "Artikel 2. Weesfietsen" }).getByLabel("Tekst", { exact: true }).fill("Verwijderde fietsen worden acht weken bewaard.");
    await clerkNoJs.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await expect(clerkNoJs.getByText("Het concept is bijgewerkt.")).toBeVisible();
    await expect(clerkNoJs.getByText("Verwijderde fietsen worden acht weken bewaard.")).toBeVisible();
    await clerk.goto(`${draftPath}/edit`);
    await expectAccessible(clerk);
    await clerk.goto(draftPath);
    await clerk.getByRole("button", { name: "Publiceren voor inspraak" }).click();
    await expect(clerk.getByText("De conceptverordening is gepubliceerd voor inspraak.")).toBeVisible();
    await expect(clerk.getByRole("navigation", { name: "Inhoud" }).getByRole("link", { name: "Artikel 1. Fietsenrekken" })).toBeVisible();
    await expectAccessible(clerk);
    const bylawPath = new URL(clerk.url()).pathname;

    // Anna amends article 1 without JavaScript.
    const anna = await personPage(browser, DEMO.resident, false);
    await anna.goto(bylawPath);
    await anna.getByRole("link", { name: "Reageer of stel een wijziging voor: Artikel 1. Fietsenrekken" }).click();
    await expect(anna.getByRole("heading", { level: 1, name: "Artikel 1. Fietsenrekken" })).toBeVisible();
    await anna.getByRole("radio", { name: "Een andere tekst voor dit artikel" }).check();
    await anna.getByLabel("Uw tekst").fill("1. Fietsen staan in de rekken.\n2. Een fiets die langer dan vier weken stilstaat wordt verwijderd.");
    await anna.getByLabel("Toelichting").fill("Twee weken is te kort voor wie op vakantie gaat.");
    await anna.getByRole("button", { name: "Amendement indienen" }).click();
    await expect(anna.getByText("Uw amendement is ingediend.")).toBeVisible();
    await expect(anna.locator("del")).toContainText("twee");
    await expect(anna.locator("ins")).toContainText("vier");
    const amendmentPath = new URL(anna.url()).pathname;

    // Jan supports it, without JavaScript; supporting twice counts once.
    const jan = await personPage(browser, DEMO.resident2, false);
    await jan.goto(amendmentPath);
    await jan.getByRole("button", { name: "Ik steun dit amendement" }).click();
    await expect(jan.getByText("U steunt dit amendement.").first()).toBeVisible();
    await expect(jan.getByText("1 steunt")).toBeVisible();
    await expect(jan.getByRole("button", { name: "Ik steun dit amendement" })).toHaveCount(0);

    // The amendment page (diff view) passes axe, with JavaScript.
    const janJs = await personPage(browser, DEMO.resident2);
    await janJs.goto(amendmentPath);
    await expect(janJs.getByText("[invoeging:", { exact: false }).first()).toBeAttached();
    await expectAccessible(janJs);

    // The clerk accepts it and publishes version 2.
    await clerk.goto(amendmentPath);
    await clerk.getByRole("radio", { name: "Aannemen (komt in de volgende versie)" }).check();
    await clerk.getByLabel("Reden").fill("Vier weken is redelijk.");
    await clerk.getByRole("button", { name: "Besluit vastleggen" }).click();
    await expect(clerk.getByText("Het besluit is vastgelegd.")).toBeVisible();
    await clerk.goto(bylawPath);
    await clerk.getByRole("link", { name: "Nieuwe versie samenstellen" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Nieuwe versie samenstellen" })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Wat is er veranderd? (optioneel)").fill("Vier weken in plaats van twee.");
    await clerk.getByRole("button", { name: "Versie 2 publiceren" }).click();
    await expect(clerk.getByText("Versie 2 is gepubliceerd.")).toBeVisible();

    // Compare version 1 and 2: side by side and as a consolidated text with tracked changes.
    await expect(clerk.getByRole("heading", { level: 2, name: "Versie 1 vergeleken met versie 2" })).toBeVisible();
    await expect(clerk.getByRole("heading", { name: "Naast elkaar" })).toBeVisible();
    await expect(clerk.getByRole("heading", { name: "Doorlopende tekst met wijzigingen" })).toBeVisible();
    await expect(clerk.locator("ins").filter({ hasText: "vier" }).first()).toBeVisible();
    await expectAccessible(clerk);

    // Close and publish the report; Anna is told with a link to it.
    await clerk.goto(bylawPath);
    await clerk.getByRole("link", { name: "Inspraak sluiten" }).click();
    await expectAccessible(clerk);
    await clerk.getByLabel("Ik wil de inspraak sluiten en het verslag publiceren").check();
    await clerk.getByRole("button", { name: "Sluiten en verslag publiceren" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Verslag van de inspraak" })).toBeVisible();
    await expect(clerk.getByRole("table", { name: "Wat er met elk amendement is gebeurd" })).toContainText("Vier weken is redelijk.");
    await expectAccessible(clerk);

    // Everyone who took part is told with a link to it: Anna who amended, Jan who supported.
    for (const who of [DEMO.resident, DEMO.resident2]) {
      const mail = await waitForMail(who, (m) => m.text.includes(`${bylawPath}/report`));
      expect(mail.text).toMatch(asRead(`De inspraak op ‘${title}’ is gesloten.`));
    }
  });

  test("the demo bylaw's pages pass axe in Dutch and English", async ({ browser }) => {
    const page = await personPage(browser, DEMO.resident);
    await page.goto("/bylaws");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Verordening terrassen en openbare ruimte" }).click();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Reageer of stel een wijziging voor: Artikel 3. Vrije doorgang" }).click();
    await expectAccessible(page);
    await page.getByRole("link", { name: /^Amendement \d+ op artikel 3$/ }).first().click();
    await expectAccessible(page);
    await page.goto("/bylaws");
    await page.getByRole("link", { name: "Verordening weekmarkt" }).click();
    await page.getByRole("link", { name: "Lees het verslag" }).click();
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultation report" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Nederlands" }).click();
  });
});
