import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, asRead, expectAccessible, firstLink, signIn, uniqueEmail, waitForMail } from "./support";

const PASSWORD = "een lange zin als wachtwoord";
const NEW_PASSWORD = "another long passphrase";

async function register(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/register");
  await page.getByLabel("Naam", { exact: true }).fill(name);
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Controleer uw e-mail" })).toBeVisible();
}

const isConfirmation = (m: { subject: string }) => m.subject.startsWith("Bevestig uw e-mailadres");

/** Opens the emailed link: a page with a button, which the person presses (a mail filter would not). */
async function confirmAddress(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "E-mailadres bevestigen" })).toBeVisible();
  await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
}

test.describe("accounts", () => {
  test("register, confirm by email, sign in, switch language, download data, reset the password, delete the account", async ({ page }) => {
    const email = uniqueEmail("journey");

    await page.goto("/register");
    await expect(page.getByRole("heading", { level: 1, name: "Account maken" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Account maken" }).click();
    await expect(page.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
    await expect(page.getByLabel("Naam", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await register(page, "Eva Eind-tot-eind", email);
    await expectAccessible(page);

    const confirmation = await waitForMail(email, isConfirmation);
    expect(confirmation.text).toContain("Open de link hieronder en druk op de knop ‘Bevestig mijn e-mailadres’.");
    const link = firstLink(confirmation, "/verify-email");
    // Opening the link confirms nothing by itself (mail filters open every link): it asks for the button.
    const opened = await page.goto(link);
    expect(opened?.headers()["cache-control"]).toBe("no-store");
    await expect(page.getByRole("heading", { level: 1, name: "E-mailadres bevestigen" })).toBeVisible();
    await expect(page.getByText("Druk op de knop hieronder om uw e-mailadres te bevestigen.")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirm my email address" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page).toHaveURL(link);
    await page.getByRole("button", { name: "Bevestig mijn e-mailadres" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByText("Uw e-mailadres is bevestigd. Log in om verder te gaan.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Demo-accounts per rol" })).toContainText(DEMO.admin);
    await expectAccessible(page);

    await signIn(page, email, PASSWORD);
    await expect(page.getByText(asRead("Welkom, Eva Eind-tot-eind. U bent ingelogd."))).toBeVisible();
    await expect(page.getByText("Uw e-mailadres is nog niet bevestigd")).toHaveCount(0);

    await page.getByRole("link", { name: /Mijn profiel/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mijn profiel" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "My profile" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Name", { exact: true }).fill("Eva Renamed");
    await page.getByLabel("Email about topics you follow").selectOption("digest");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your profile has been saved.")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Eva Renamed");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inspraak-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(data.account).toMatchObject({ email, displayName: "Eva Renamed", locale: "en", emailPreference: "digest" });
    expect(data.roles.map((r: { role: string }) => r.role)).toEqual(["resident"]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();

    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    await expectAccessible(page);

    const resetMail = await waitForMail(email, (m) => m.subject.startsWith("Set a new password"));
    await page.goto(firstLink(resetMail, "/reset-password"));
    await expect(page.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await expect(page.getByText("Your password has been changed and you are signed in.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    // The link works once.
    await page.goto(firstLink(resetMail, "/reset-password"));
    await expect(page.getByText("This link has already been used.")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/profile");
    await page.getByLabel("I understand that my account will be deleted permanently.").check();
    await page.getByLabel("Your current password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Delete account permanently" }).click();
    await expect(page.getByText("Your account has been deleted.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("The email address or the password is not correct.")).toBeVisible();
    await expectAccessible(page);
  });

  test("an unconfirmed person sees a notice on every page and can have the mail sent again", async ({ page }) => {
    const email = uniqueEmail("unconfirmed");
    await register(page, "Udo Onbevestigd", email);
    const first = firstLink(await waitForMail(email, isConfirmation), "/verify-email");
    await signIn(page, email, PASSWORD);

    const notice = page.getByRole("status").filter({ hasText: "Uw e-mailadres is nog niet bevestigd" });
    await expect(notice).toBeVisible();
    await page.goto("/search");
    await expect(notice).toBeVisible();
    await expectAccessible(page);

    await notice.getByRole("button", { name: "Stuur de bevestigingsmail opnieuw" }).click();
    await expect(page.getByText("We hebben een nieuwe bevestigingsmail gestuurd.")).toBeVisible();
    await expect(page).toHaveURL(/\/search$/);

    let second = first;
    await expect.poll(async () => (second = firstLink(await waitForMail(email, isConfirmation), "/verify-email"))).not.toBe(first);
    await page.goto(first);
    await expect(page.getByText("Deze link is ongeldig of vervangen door een nieuwere link.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Bevestig mijn e-mailadres" })).toHaveCount(0);
    await expectAccessible(page);

    // Opened, the new link still leaves the address unconfirmed; its page offers only its own
    // button (not the notice's "send again"), and the button confirms it.
    await page.goto(second);
    await expect(page.getByRole("button", { name: "Bevestig mijn e-mailadres" })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await expectAccessible(page);
    await page.goto("/search");
    await expect(notice).toBeVisible();
    await confirmAddress(page, second);
    await expect(page.getByText("Uw e-mailadres is bevestigd.")).toBeVisible();
    await expect(notice).toHaveCount(0);

    // Opening the link again is the same request: it says the address is already confirmed.
    await page.goto(second);
    await expect(page.getByText("Uw e-mailadres is al bevestigd.")).toBeVisible();
  });

  test("an admin manages roles, settings and reads the outbox, in both languages", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.getByRole("link", { name: "Beheer", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Beheer" })).toBeVisible();
    await expectAccessible(page);

    const adminNav = page.getByRole("navigation", { name: "Beheermenu" });
    await adminNav.getByRole("link", { name: "Gebruikers en rollen" }).click();
    await page.getByRole("searchbox", { name: "Zoek op naam of e-mailadres" }).fill("Jan Jansen");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page.getByRole("rowheader", { name: "Jan Jansen" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Rol voor Jan Jansen").selectOption("clerk");
    await page.getByRole("button", { name: "Rol toekennen aan Jan Jansen" }).click();
    await expect(page.getByText(asRead("De rol Griffie is toegekend aan Jan Jansen."))).toBeVisible();
    await page.getByRole("button", { name: "Rol Griffie intrekken bij Jan Jansen" }).click();
    await expect(page.getByText(asRead("De rol Griffie is ingetrokken bij Jan Jansen."))).toBeVisible();

    await adminNav.getByRole("link", { name: "Instellingen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Instellingen" })).toBeVisible();
    await expectAccessible(page);
    const threshold = page.getByLabel("Meldingen: een reactie verbergen na dit aantal meldingen");
    await threshold.fill("0");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
    await expectAccessible(page);
    await threshold.fill("4");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByText("De instellingen zijn opgeslagen.")).toBeVisible();
    await expect(threshold).toHaveValue("4");

    await adminNav.getByRole("link", { name: "Uitgaande e-mail" }).click();
    await expect(page.getByRole("table", { name: "Uitgaande e-mail, nieuwste eerst" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Bericht \d+$/ })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "English" }).click();
    // The switch is a post: wait for its answer before leaving, or the next page may be asked first.
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users and roles" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Default language for visitors")).toBeVisible();
    await expectAccessible(page);
  });

  test("people without the admin role get a 403 page", async ({ page }) => {
    await signIn(page, DEMO.resident);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
    await expectAccessible(page);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("registering, confirming and signing in work", async ({ page }) => {
      const email = uniqueEmail("nojs");
      await page.goto("/register");
      // Markup in a name is text, never markup.
      await page.getByLabel("Naam", { exact: true }).fill("Nora <b>Zonder</b> Script");
      await page.getByLabel("E-mailadres", { exact: true }).fill(email);
      await page.getByLabel("Wachtwoord", { exact: true }).fill("kort");
      await page.getByRole("button", { name: "Account maken" }).click();
      await expect(page.getByRole("heading", { name: "Er is iets niet goed ingevuld" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Wachtwoord: Gebruik minstens 10 tekens." })).toBeVisible();
      await expect(page.getByLabel("E-mailadres", { exact: true })).toHaveValue(email);

      await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Account maken" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Controleer uw e-mail" })).toBeVisible();

      await confirmAddress(page, firstLink(await waitForMail(email, isConfirmation), "/verify-email"));
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByText("Uw e-mailadres is bevestigd. Log in om verder te gaan.")).toBeVisible();
      await signIn(page, email, PASSWORD);
      await expect(page.getByRole("link", { name: "Mijn profiel (Nora <b>Zonder</b> Script)" })).toBeVisible();
      await expect(page.locator("b", { hasText: "Zonder" })).toHaveCount(0);
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await expect(page.getByText("U bent uitgelogd.")).toBeVisible();
    });
  });
});
