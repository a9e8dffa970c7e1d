import { expect, test, type Page } from "@playwright/test";
import { DEMO, asPerson, asRead, expectAccessible, firstLink, signIn, uniqueEmail, waitForMail, type Mail } from "./support";

/** A guest fills in the signature form on the petition page that is open. */
async function signAsGuest(page: Page, name: string, email: string, postcode = "9903 AB") {
  await page.getByLabel("Naam", { exact: true }).fill(name);
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("Postcode", { exact: true }).fill(postcode);
  await page.getByLabel(/Ik verklaar dat ik woon in/).check();
  await page.getByRole("button", { name: "Onderteken", exact: true }).click();
}

const isConfirmation = (m: { subject: string }) => m.subject.startsWith("Bevestig uw handtekening");

/**
 * A guest signs the open demo petition and confirms from the email; returns the confirmation mail,
 * which carries the private link to their signature and the unsubscribe link.
 */
async function guestSignsAndConfirms(page: Page, name: string, email: string) {
  await page.goto("/petitions");
  await page.getByRole("link", { name: "Een zebrapad bij basisschool De Regenboog" }).click();
  await signAsGuest(page, name, email);
  await expect(page.getByText("Kijk in uw e-mail")).toBeVisible();
  const confirmation = await waitForMail(email, isConfirmation);
  expect(confirmation.text).not.toContain("/profile");
  await page.goto(firstLink(confirmation, "/petitions/confirm/"));
  await page.getByRole("button", { name: "Bevestig mijn handtekening" }).click();
  await expect(page.getByText("Bedankt! Uw handtekening is bevestigd en telt mee.")).toBeVisible();
  return confirmation;
}

/** Signed out, from the email: stop emails about the petition, then withdraw the signature; and the one-click unsubscribe link. */
async function guestManagesSignature(page: Page, confirmation: Mail, checkAccessible: boolean) {
  await page.goto(firstLink(confirmation, "/petitions/signature/"));
  await expect(page.getByRole("heading", { level: 1, name: "Uw handtekening" })).toBeVisible();
  await expect(page.getByText(/Uw handtekening onder de petitie ‘Een zebrapad bij basisschool De Regenboog’ telt mee/)).toBeVisible();
  if (checkAccessible) await expectAccessible(page);
  await page.getByRole("button", { name: "Stuur mij geen e-mails meer over deze petitie" }).click();
  await expect(page.getByText("U ontvangt geen e-mails meer over deze petitie. Uw handtekening telt mee.").first()).toBeVisible();
  await page.goto("/petitions");
  await page.getByRole("link", { name: "Een zebrapad bij basisschool De Regenboog" }).click();
  const count = Number((await page.getByText(/^\d+ handtekening(en)?$/).first().textContent())!.split(" ")[0]);
  await page.goto(firstLink(confirmation, "/petitions/signature/"));
  await page.getByRole("button", { name: "Trek mijn handtekening in" }).click();
  await expect(page.getByText("Uw handtekening is ingetrokken.")).toBeVisible();
  expect(Number((await page.getByText(/^\d+ handtekening(en)?$/).first().textContent())!.split(" ")[0])).toBe(count - 1);

  // The one-click unsubscribe link works signed out too; opening it changes nothing until the button.
  await page.goto(firstLink(confirmation, "/unsubscribe/"));
  await expect(page.getByRole("heading", { level: 1, name: "Afmelden voor e-mails" })).toBeVisible();
  if (checkAccessible) await expectAccessible(page);
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByText(/U bent afgemeld: u ontvangt e-mails over ‘Een zebrapad bij basisschool De Regenboog’ niet meer/)).toBeVisible();
}

test.describe("petitions", () => {
  test("a resident starts a petition, a clerk publishes it, a guest signs by email, the clerk answers and the signer hears it", async ({ browser }) => {
    // Four people and two emails: longer than the default on a busy machine.
    test.setTimeout(120_000);
    const title = `Een bankje bij de bushalte ${Date.now()}`;

    // The resident drafts, previews and submits.
    const resident = await asPerson(browser, DEMO.resident);
    await resident.goto("/petitions");
    await expect(resident.getByRole("heading", { level: 1, name: "Petities" })).toBeVisible();
    await expectAccessible(resident);
    await resident.getByRole("link", { name: "Start een petitie" }).first().click();
    await expect(resident.getByRole("heading", { level: 1, name: "Start een petitie" })).toBeVisible();
    await resident.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(resident.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
    await expect(resident.getByLabel("Titel")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(resident);
    await resident.getByLabel("Titel").fill(title);
    await resident.getByLabel("Wat moet de gemeenteraad doen?").fill("Wij vragen de gemeenteraad een bankje te plaatsen bij de bushalte Marktplein.");
    await resident.getByLabel(/^Toelichting/).fill("Ouderen wachten daar vaak **lang** op de bus.");
    await resident.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(resident.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(resident.getByText("Dit is een concept. Alleen u ziet het.")).toBeVisible();
    await expectAccessible(resident);
    await resident.getByRole("link", { name: "Bewerken" }).click();
    await expect(resident.getByRole("heading", { level: 1, name: "Petitie bewerken" })).toBeVisible();
    await expect(resident.getByLabel("Titel")).toHaveValue(title);
    await expectAccessible(resident);
    await resident.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await expect(resident.getByText("Uw concept is opgeslagen.")).toBeVisible();
    const petitionUrl = new URL(resident.url());
    await resident.getByRole("button", { name: "Indienen" }).click();
    // The message says it worked; the preview box says what happens next (not the same words twice).
    await expect(resident.getByText("Petitie ingediend.")).toBeVisible();
    await expect(resident.getByText("Uw petitie is ingediend. De griffie beoordeelt haar; u hoort het zodra ze is gepubliceerd.")).toBeVisible();
    await resident.goto("/petitions/mine");
    await expect(resident.getByRole("link", { name: title })).toBeVisible();
    await expectAccessible(resident);

    // The clerk finds it in the queue and publishes it.
    const clerk = await asPerson(browser, DEMO.clerk);
    await clerk.goto("/petitions/moderation");
    await expect(clerk.getByRole("heading", { level: 1, name: "Moderatie petities" })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByRole("link", { name: title }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: `Behandelen: ${title}` })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByRole("button", { name: "Petitie publiceren" }).click();
    await expect(clerk.getByText("De petitie is gepubliceerd.")).toBeVisible();

    // A guest signs and confirms through the emailed link.
    const guest = await asPerson(browser);
    await guest.goto(petitionUrl.pathname);
    await expect(guest.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(guest.getByText("0 handtekeningen", { exact: true })).toBeVisible();
    await expect(guest.getByRole("link", { name: "Log dan in om met één klik te tekenen." })).toHaveAttribute(
      "href",
      `/sign-in?redirectTo=${encodeURIComponent(petitionUrl.pathname)}`,
    );
    await expectAccessible(guest);
    await guest.getByRole("button", { name: "Onderteken", exact: true }).click();
    await expect(guest.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
    await expect(guest.getByLabel("Naam", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(guest);
    const email = uniqueEmail("petition-guest");
    await signAsGuest(guest, "Gerrit Gast", email);
    await expect(guest.getByText("Kijk in uw e-mail")).toBeVisible();
    await expect(guest.getByText("0 handtekeningen", { exact: true })).toBeVisible();
    const confirmation = await waitForMail(email, isConfirmation);
    expect(confirmation.text).toContain("Open de link hieronder en druk op de knop ‘Bevestig mijn handtekening’");
    // The link opens a page that says what will be confirmed (a mail filter opening it changes
    // nothing) and shows nothing about the signer: whoever holds the link sees it.
    const link = firstLink(confirmation, "/petitions/confirm/");
    const opened = await guest.goto(link);
    expect(opened?.headers()["cache-control"]).toBe("no-store");
    await expect(guest.getByRole("heading", { level: 1, name: "Handtekening bevestigen" })).toBeVisible();
    await expect(guest.getByText(asRead(`U heeft de petitie ‘${title}’ ondertekend.`))).toBeVisible();
    await expect(guest.getByText("Gerrit Gast")).toHaveCount(0);
    await expect(guest.getByText(email)).toHaveCount(0);
    await expectAccessible(guest);
    await guest.getByRole("button", { name: "English" }).click();
    await expect(guest.getByRole("heading", { level: 1, name: "Confirm your signature" })).toBeVisible();
    await expect(guest.getByText(asRead(`You signed the petition ‘${title}’.`))).toBeVisible();
    await expectAccessible(guest);
    await guest.getByRole("button", { name: "Nederlands" }).click();
    await expect(guest).toHaveURL(link);
    // Still nothing counted (the clerk's view is never served from the visitors' page cache).
    await clerk.goto(petitionUrl.pathname);
    await expect(clerk.getByText("0 handtekeningen", { exact: true })).toBeVisible();
    await guest.getByRole("button", { name: "Bevestig mijn handtekening" }).click();
    await expect(guest.getByText("Bedankt! Uw handtekening is bevestigd en telt mee. We e-mailen u het antwoord van de raad en de uitkomst van de petitie.")).toBeVisible();
    await expect(guest.getByText("1 handtekening", { exact: true })).toBeVisible();
    // Thanked, without a blank sign form under the thanks.
    await expect(guest.getByText("U heeft deze petitie ondertekend.")).toBeVisible();
    await expect(guest.getByRole("button", { name: "Onderteken", exact: true })).toHaveCount(0);
    await expectAccessible(guest);
    await guest.getByRole("button", { name: "English" }).click();
    await expect(guest.getByRole("heading", { level: 2, name: "Sign this petition" })).toBeVisible();
    await expectAccessible(guest);

    // The clerk records the council's response; the signer receives it.
    await clerk.goto(`${petitionUrl.pathname}/manage`);
    await clerk.getByLabel("Tekst van het antwoord").fill("De raad plaatst deze zomer een bankje bij de bushalte Marktplein.");
    await clerk.getByLabel("Verantwoordelijk orgaan").first().fill("Gemeenteraad van Voorbeeldstad");
    await clerk.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await expect(clerk.getByRole("heading", { name: "Zo lezen de ondertekenaars het antwoord" })).toBeVisible();
    await expect(clerk.getByText("wordt gemaild naar 1 ondertekenaar.")).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByRole("button", { name: "Antwoord publiceren en versturen" }).click();
    await expect(clerk.getByText("Het antwoord is gepubliceerd en wordt naar alle ondertekenaars gestuurd.")).toBeVisible();
    await expectAccessible(clerk);
    const response = await waitForMail(email, (m) => m.subject.includes("heeft geantwoord"));
    expect(response.text).toContain("bankje bij de bushalte Marktplein");

    await guest.goto(petitionUrl.pathname);
    await expect(guest.getByRole("heading", { name: /The council's response/ })).toBeVisible();
    // What happened is the news for a signer: right under the text, above the count and the chart.
    const outcomeTop = (await guest.getByRole("heading", { level: 2, name: "What happened" }).boundingBox())!.y;
    expect(outcomeTop).toBeLessThan((await guest.getByRole("heading", { level: 2, name: "Signatures", exact: true }).boundingBox())!.y);
    expect(outcomeTop).toBeLessThan((await guest.getByRole("heading", { level: 2, name: /over time/ }).boundingBox())!.y);
    await expect(guest.getByText("The council's response was published")).toBeVisible();
    const submitted = await waitForMail(DEMO.resident, (m) => m.subject.includes(title) && m.subject.includes("gepubliceerd"));
    expect(submitted.text).toContain(title);
  });

  test("a busy petition shows its chart, neighbourhoods, outcome and timeline, and the open data", async ({ page }) => {
    await page.goto("/petitions?status=closed");
    await expectAccessible(page);
    await page.getByRole("link", { name: /Wilhelminapark groen/ }).click();
    await expect(page.getByText("30.000 handtekeningen", { exact: true })).toBeVisible();
    await expect(page.getByRole("img", { name: "Totaal aantal handtekeningen door de tijd" })).toBeVisible();
    await page.getByText("Toon de cijfers als tabel").click();
    await expect(page.getByRole("table", { name: "Nieuwe handtekeningen en totaal per dag" })).toBeVisible();
    await expect(page.getByRole("table", { name: /per wijk/ })).toContainText("Centrum");
    await expect(page.getByText(/Te laat: gepland voor/)).toBeVisible();
    // The outcome stands above the chart; the chart's axis speaks Dutch dates, legible on a phone.
    const outcomeTop = (await page.getByRole("heading", { level: 2, name: "Wat is er gebeurd" }).boundingBox())!.y;
    expect(outcomeTop).toBeLessThan((await page.getByRole("heading", { level: 2, name: /door de tijd/ }).boundingBox())!.y);
    const labels = page.locator(".inspraak-petitions-chart__label");
    await expect(labels.last()).toHaveText(/^\d{1,2} [a-z]+ \d{4}$/);
    expect(await labels.allTextContents()).not.toContainEqual(expect.stringMatching(/\d{4}-\d{2}-\d{2}/));
    await page.setViewportSize({ width: 360, height: 800 });
    for (const box of await labels.evaluateAll((all) => all.map((l) => l.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(11);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expectAccessible(page);
    const count = await page.request.get(`${new URL(page.url()).pathname}/count`);
    expect(await count.json()).toMatchObject({ count: 30000, status: "debated" });
  });

  test("a rejected petition shows its public reason; offensive text is withheld", async ({ page }) => {
    await page.goto("/petitions?status=rejected");
    await page.getByRole("link", { name: /Afgewezen petitie/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "De petitie bevat beledigende of kwetsende taal." })).toBeVisible();
    await expect(page.getByText("idioten")).toHaveCount(0);
    // Nothing to share, follow or chart on a rejected petition.
    for (const name of ["Delen", "Handtekeningen door de tijd", "Handtekeningen per wijk", "Ondertekenaars die hun naam tonen"]) {
      await expect(page.getByRole("heading", { name })).toHaveCount(0);
    }
    await expect(page.getByRole("link", { name: "Open data (JSON)" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the author of a withheld petition reads their own text, with a line saying it is withheld from the public", async ({ browser }) => {
    const jan = await asPerson(browser, DEMO.resident2);
    await jan.goto("/petitions/mine");
    await jan.getByRole("link", { name: "Weg met die idioten van de gemeente" }).click();
    await expect(jan.getByRole("heading", { level: 1, name: "Weg met die idioten van de gemeente" })).toBeVisible();
    await expect(jan.getByRole("status")).toContainText("Alleen u, als indiener, ziet hem hier.");
    await expectAccessible(jan);
  });

  test("the home page lists what is new without rejected petitions, with words on the counts", async ({ page }) => {
    await page.goto("/");
    const latest = page.getByRole("region", { name: "Nieuw en actueel" });
    await expect(latest.getByRole("listitem").first()).toBeVisible();
    await expect(latest.getByText(/^[\d.]+ handtekening(en)?$/).first()).toBeVisible();
    await expect(latest.getByText("✍")).toHaveCount(0);
    await expect(latest.getByText("Stop de parkeergarage onder het Wilhelminapark")).toHaveCount(0);
    await expect(latest.getByText(/Afgewezen petitie/)).toHaveCount(0);
  });

  test("the councillor reads what awaits the council but cannot moderate", async ({ browser }) => {
    const councillor = await asPerson(browser, DEMO.councillor);
    // The petitions' old list for the council is the briefing now, filtered to petitions.
    await councillor.goto("/petitions/review");
    await expect(councillor).toHaveURL(/\/council\?kind=petition$/);
    await expect(councillor.getByLabel("Soort onderwerp")).toHaveValue("petition");
    await expect(councillor.getByRole("heading", { level: 3, name: /straatverlichting/ })).toBeVisible();
    await expect(councillor.getByText(/^Wacht op de raad sinds /).first()).toBeVisible();
    await expectAccessible(councillor);
    const queue = await councillor.goto("/petitions/moderation");
    expect(queue?.status()).toBe(403);
  });

  test("a guest manages their signature from the email, signed out: stops emails, withdraws, unsubscribes; the pages pass axe", async ({ page }) => {
    const email = uniqueEmail("manage");
    await guestManagesSignature(page, await guestSignsAndConfirms(page, "Gijs Gast", email), true);
  });

  // axe needs JavaScript in the page, so these journeys check behaviour; the same pages pass axe above.
  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a guest sees errors beside the fields, signs and confirms", async ({ page }) => {
      await page.goto("/petitions");
      await page.getByRole("link", { name: "Een zebrapad bij basisschool De Regenboog" }).click();
      const before = await page.getByText(/^\d+ handtekening(en)?$/).first().textContent();
      await page.getByRole("button", { name: "Onderteken", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
      await expect(page.getByLabel("E-mailadres", { exact: true })).toHaveAttribute("aria-invalid", "true");

      const email = uniqueEmail("nojs");
      await signAsGuest(page, "Noor Zonder Script", email, "1012 AB");
      await expect(page.getByText(/Deze postcode ligt niet in onze gemeente/).first()).toBeVisible();
      await page.getByLabel("Postcode", { exact: true }).fill("9907 CD");
      await page.getByLabel(/Ik verklaar dat ik woon in/).check();
      await page.getByRole("button", { name: "Onderteken", exact: true }).click();
      await expect(page.getByText("Kijk in uw e-mail")).toBeVisible();
      const confirmation = await waitForMail(email, isConfirmation);
      await page.goto(firstLink(confirmation, "/petitions/confirm/"));
      await expect(page.getByText(asRead("U heeft de petitie ‘Een zebrapad bij basisschool De Regenboog’ ondertekend."))).toBeVisible();
      await page.getByRole("button", { name: "Bevestig mijn handtekening" }).click();
      await expect(page.getByText("Bedankt! Uw handtekening is bevestigd en telt mee.")).toBeVisible();
      const after = await page.getByText(/^\d+ handtekening(en)?$/).first().textContent();
      expect(Number(after!.split(" ")[0])).toBe(Number(before!.split(" ")[0]) + 1);
    });

    test("a guest manages their signature from the email and unsubscribes, signed out", async ({ page }) => {
      const email = uniqueEmail("manage-nojs");
      await guestManagesSignature(page, await guestSignsAndConfirms(page, "Nina Zonder Script", email), false);
    });

    test("a resident signs with one click and withdraws", async ({ page }) => {
      await signIn(page, DEMO.resident2);
      await page.goto("/petitions");
      await page.getByRole("link", { name: "Een zebrapad bij basisschool De Regenboog" }).click();
      // One click, and the hint says it declares residence at the account's postcode.
      await expect(page.getByRole("button", { name: "Onderteken", exact: true })).toHaveAccessibleDescription(/U tekent als inwoner van 9903 AB: met deze knop verklaart u dat u woont in/);
      await page.getByRole("button", { name: "Onderteken", exact: true }).click();
      await expect(page.getByText("Bedankt! Uw handtekening telt mee.")).toBeVisible();
      await expect(page.getByText(/U heeft ondertekend op/)).toBeVisible();
      await page.getByRole("button", { name: "Handtekening intrekken" }).click();
      await expect(page.getByText("Uw handtekening is ingetrokken.")).toBeVisible();
    });
  });
});
