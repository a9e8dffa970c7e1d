import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, asRead, expectAccessible, signIn, waitForMail } from "./support";

const PARK = "Hoe maken we het Stadspark 's avonds veiliger?";
const BRIDGE = "Welke naam krijgt de nieuwe fietsbrug over de Vaart?";

async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function openDiscussion(page: Page, title: string) {
  await page.goto("/discussions");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** The <article> of the comment that says this text. */
const commentSaying = (page: Page, text: string) => page.locator("article").filter({ hasText: text });

test.describe("discussions and moderation", () => {
  test("comment, reply and flag; a clerk hides with a reason; the author reads why in the inbox", async ({ browser }) => {
    const stamp = Date.now();
    const annaText = `Zet bankjes bij de vijver (${stamp})`;
    const janText = `Bankjes zonder licht helpen niet (${stamp})`;
    const reason = `Persoonlijke aanval op een andere deelnemer (${stamp})`;

    const anna = await personPage(browser, DEMO.resident);
    await openDiscussion(anna, PARK);
    await expectAccessible(anna);
    await anna.getByLabel("Uw reactie", { exact: true }).fill(annaText);
    // An open question has no for and against (issue #9, point 18): no stance is asked.
    await expect(anna.getByRole("radio", { name: "Voor" })).toHaveCount(0);
    // A double click posts one comment (the button waits, and the form's submission key dedupes).
    await anna.getByRole("button", { name: "Reactie plaatsen" }).dblclick();
    await expect(anna.getByText("Uw reactie is geplaatst.")).toBeVisible();
    await anna.reload();
    await expect(commentSaying(anna, annaText)).toHaveCount(1);

    const jan = await personPage(browser, DEMO.resident2);
    await openDiscussion(jan, PARK);
    await commentSaying(jan, annaText).getByRole("link", { name: /^Antwoorden/ }).click();
    await jan.getByLabel("Uw antwoord aan Anna de Vries").fill(janText);
    await expectAccessible(jan);
    await jan.getByRole("button", { name: "Antwoord plaatsen" }).click();
    await expect(jan.getByText("Uw antwoord is geplaatst.")).toBeVisible();
    await expect(commentSaying(jan, janText)).toBeVisible();

    await commentSaying(jan, annaText).getByRole("link", { name: /^Melden/ }).click();
    await jan.getByRole("radio", { name: "Beledigend of kwetsend" }).check();
    await expectAccessible(jan);
    await jan.getByRole("button", { name: "Melding versturen" }).click();
    await expect(jan.getByText("Bedankt voor uw melding. De griffie bekijkt het.")).toBeVisible();
    await expect(commentSaying(jan, annaText).getByText("U heeft deze reactie gemeld.")).toBeVisible();

    const replyMail = await waitForMail(DEMO.resident, (m) => m.subject.includes("Jan Jansen antwoordde"));
    expect(replyMail.subject).toContain(PARK);

    const clerk = await personPage(browser, DEMO.clerk);
    await clerk.getByRole("link", { name: "Moderatie" }).first().click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Moderatie" })).toBeVisible();
    await expectAccessible(clerk);
    const item = clerk.locator("article").filter({ hasText: annaText });
    await expect(item.getByText("Beledigend of kwetsend: 1")).toBeVisible();
    await item.getByRole("radio", { name: "Verbergen" }).check();
    await item.getByLabel("Reden (de schrijver krijgt deze te zien)").fill(reason);
    await item.getByRole("button", { name: /^Beslissing uitvoeren/ }).click();
    await expect(clerk.getByText("De beslissing is uitgevoerd en de schrijver is op de hoogte gebracht.")).toBeVisible();
    await expect(clerk.locator("article").filter({ hasText: annaText })).toHaveCount(0);

    await anna.goto("/inbox");
    await expect(anna.getByText(asRead(`Uw reactie bij ‘${PARK}’ is verborgen door de moderatie. Reden: ${reason}`))).toBeVisible();
    await anna.getByRole("link", { name: new RegExp(`is verborgen door de moderatie`) }).first().click();
    await expect(anna.getByText("Deze reactie is verborgen door de moderatie.").first()).toBeVisible();
    await expect(anna.getByText(annaText)).toHaveCount(0);
    await expect(anna.getByText(janText)).toBeVisible();

    await clerk.getByRole("navigation", { name: "Moderatie" }).getByRole("link", { name: "Auditlog" }).click();
    await expect(clerk.getByRole("cell", { name: reason })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByRole("navigation", { name: "Moderatie" }).getByRole("link", { name: "Blokkades" }).click();
    await expectAccessible(clerk);
  });

  test("the thread, the queue and the statistics pass axe in English too", async ({ browser }) => {
    const clerk = await personPage(browser, DEMO.clerk);
    await clerk.getByRole("button", { name: "English" }).click();
    await expect(clerk.locator("html")).toHaveAttribute("lang", "en");
    await clerk.goto("/discussions");
    await expect(clerk.getByRole("heading", { level: 1, name: "Discussions" })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByRole("link", { name: BRIDGE }).click();
    await expect(clerk.getByRole("heading", { name: /^Comments \(/ })).toBeVisible();
    await expect(clerk.getByText("This comment was hidden by moderation.")).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Your comment", { exact: true }).fill("   ");
    // While the post is on its way (held here), its button is disabled and keeps its name.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await clerk.route((url) => url.pathname.endsWith("/comments.data"), async (route) => {
      await held;
      await route.continue();
    });
    await clerk.getByRole("button", { name: "Post comment" }).click();
    await expect(clerk.getByRole("button", { name: "Post comment" })).toBeDisabled();
    await expect(clerk.getByRole("button", { name: "Post comment" })).toHaveAttribute("aria-disabled", "true");
    release();
    await expect(clerk.getByRole("heading", { level: 1, name: "Your comment was not saved" })).toBeVisible();
    await expect(clerk.getByRole("link", { name: "Write your comment first." })).toBeVisible();
    await expect(clerk.getByRole("alert").filter({ has: clerk.getByRole("link", { name: "Write your comment first." }) })).toBeFocused();
    await expectAccessible(clerk);
    await clerk.goto("/moderation");
    await expect(clerk.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
    await expect(clerk.getByText(/waiting \d+/).first()).toBeVisible();
    await expectAccessible(clerk);
    await clerk.goto("/moderation/statistics");
    await expect(clerk.getByRole("table", { name: /Moderation per month/ })).toBeVisible();
    await expectAccessible(clerk);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a resident comments, replies and fixes an empty comment", async ({ page }) => {
      const stamp = Date.now();
      await signIn(page, DEMO.councillor);
      await openDiscussion(page, BRIDGE);
      await page.getByLabel("Uw reactie", { exact: true }).fill("   ");
      await page.getByRole("button", { name: "Reactie plaatsen" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Uw reactie is niet opgeslagen" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Schrijf eerst uw reactie." })).toBeVisible();
      await page.getByLabel("Uw reactie", { exact: true }).fill(`Noem hem de Werfbrug (${stamp})`);
      await page.getByRole("button", { name: "Reactie plaatsen" }).click();
      await expect(page.getByText("Uw reactie is geplaatst.")).toBeVisible();
      const mine = commentSaying(page, `Noem hem de Werfbrug (${stamp})`);
      await expect(mine).toBeVisible();

      await commentSaying(page, "De Vaartbrug").getByRole("link", { name: /^Antwoorden/ }).click();
      await page.getByLabel(/^Uw antwoord aan/).fill(`Vaartbrug is ook goed (${stamp})`);
      await page.getByRole("button", { name: "Antwoord plaatsen" }).click();
      await expect(page.getByText(`Vaartbrug is ook goed (${stamp})`)).toBeVisible();

      await commentSaying(page, "De Vaartbrug").getByRole("button", { name: /^Steunen/ }).click();
      await expect(page.getByText("Bedankt voor uw steun.")).toBeVisible();
      await expect(commentSaying(page, "De Vaartbrug").getByRole("button", { name: /^Steunen/ })).toHaveAttribute("aria-pressed", "true");
    });

    test("a busy thread shows a handful of replies and opens further by a link", async ({ page }) => {
      await openDiscussion(page, PARK);
      const later = "Daar is ledverlichting met bewegingssensor voor";
      await expect(page.getByText(later)).toHaveCount(0);
      // The link names the comment it belongs to (its author isolated as user text).
      await page.getByRole("link", { name: /^Meer antwoorden tonen op de reactie van \u2068?Jan Jansen\u2069?$/ }).click();
      await expect(page).toHaveURL(/[?&]thread=\d+&replies=\d+#comment-\d+$/);
      await expect(page.getByText(later)).toBeVisible();
      await expect(page.getByRole("link", { name: /^Meer antwoorden tonen/ })).toHaveCount(0);
      // axe reads this page, link and all, in the first journey (Anna opens the same discussion).
    });
  });
});
