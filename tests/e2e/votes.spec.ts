import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, waitForMail } from "./support";

/** A moment as a `datetime-local` value on the municipality's clock. */
function localInput(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at).replace(" ", "T");
}

async function personPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test.describe("votes", () => {
  test("a clerk sets up a budget, a resident fills it without JavaScript and keeps the code, the list after closing has it", async ({ browser }) => {
    // The vote closes three minutes from now; the closing job then counts it.
    test.setTimeout(400_000);
    const title = `Burgerbegroting Plein ${Date.now()}`;

    const clerk = await personPage(browser, DEMO.clerk);
    await clerk.goto("/votes");
    await expectAccessible(clerk);
    await clerk.getByRole("link", { name: "Stemming opzetten" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Stemming opzetten" })).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Vraag", { exact: true }).fill(title);
    await clerk.getByLabel("Soort stemming").selectOption("budget");
    await clerk.getByLabel("Burgerbegroting: budget in hele euro’s").fill("1000");
    await clerk.getByLabel("Opent op").fill(localInput(new Date(Date.now() - 5 * 60_000)));
    await clerk.getByLabel("Sluit op").fill(localInput(new Date(Date.now() + 3 * 60_000)));
    const projects: Array<[string, string]> = [["Bankjes", "600"], ["Bomen", "500"], ["Fietsrekken", "300"]];
    for (const [i, [name, cost]] of projects.entries()) {
      await clerk.getByLabel(`Antwoord ${i + 1}: Titel`).fill(name);
      await clerk.getByLabel(`Antwoord ${i + 1}: Kosten in hele euro’s (burgerbegroting)`).fill(cost);
    }
    await clerk.getByRole("button", { name: "Stemming opslaan" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expectAccessible(clerk);
    const voteUrl = clerk.url();

    // Without JavaScript: the total is added up by the server, and an over-budget ballot is refused.
    const anna = await personPage(browser, DEMO.resident, false);
    await anna.goto(voteUrl);
    await anna.getByRole("checkbox", { name: /Bankjes/ }).check();
    await anna.getByRole("checkbox", { name: /Bomen/ }).check();
    await anna.getByRole("button", { name: "Totaal opnieuw berekenen" }).click();
    await expect(anna.getByText("U zit € 100 boven het budget. Haal een project weg.")).toBeVisible();
    await anna.getByRole("button", { name: "Stem uitbrengen" }).click();
    await expect(anna.getByText(/^Uw keuze kost meer dan het budget van 1.?000. Haal een project weg.$/)).toBeVisible();
    await anna.getByRole("checkbox", { name: /Bomen/ }).uncheck();
    await anna.getByRole("checkbox", { name: /Fietsrekken/ }).check();
    await anna.getByRole("button", { name: "Totaal opnieuw berekenen" }).click();
    await expect(anna.getByText("Gekozen: € 900 van € 1.000. Over: € 100.")).toBeVisible();
    await anna.getByRole("button", { name: "Stem uitbrengen" }).click();
    await expect(anna.getByRole("heading", { level: 1, name: "Uw stem is uitgebracht" })).toBeVisible();
    const code = (await anna.getByTestId("ballot-code").innerText()).replace(/\s/g, "");
    expect(code).toMatch(/^[A-Z2-7]{26}$/);
    await expect(anna.getByRole("listitem").filter({ hasText: "Fietsrekken" })).toBeVisible();
    // Shown once: after a reload only that they voted.
    await anna.reload();
    await expect(anna.getByTestId("ballot-code")).toHaveCount(0);
    const receipt = await waitForMail(DEMO.resident, (m) => m.subject.includes(title));
    expect(receipt.text).not.toContain(code);
    expect(receipt.text).not.toContain("Fietsrekken");

    // With JavaScript, another resident: the running total follows the boxes, and the pages pass axe.
    const jan = await personPage(browser, DEMO.resident2);
    await jan.goto(voteUrl);
    await expectAccessible(jan);
    await jan.getByRole("checkbox", { name: /Bomen/ }).check();
    await jan.getByRole("checkbox", { name: /Fietsrekken/ }).check();
    await expect(jan.getByText("Gekozen: € 800 van € 1.000. Over: € 200.")).toBeVisible();
    await jan.getByRole("button", { name: "Stem uitbrengen" }).click();
    await expect(jan.getByRole("heading", { level: 1, name: "Uw stem is uitgebracht" })).toBeVisible();
    await expectAccessible(jan);

    // After closing, the list of ballots has Anna's code with her choice.
    const ballots = `${voteUrl}/ballots`;
    await expect(async () => {
      await anna.goto(ballots);
      await expect(anna.getByRole("table")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 300_000, intervals: [5_000] });
    await anna.getByLabel("Uw stembiljetcode").fill(code.toLowerCase());
    await anna.getByRole("button", { name: "Controleer" }).click();
    await expect(anna.getByText(/is geteld:\s*Bankjes, Fietsrekken/)).toBeVisible();
    await jan.goto(ballots);
    await expectAccessible(jan);
    // The list is public from the closing time, and so is the allocation: counted on read until the job has stored it.
    await jan.goto(`${voteUrl}/results`);
    await expect(jan.getByRole("heading", { level: 2, name: /Verdeling van het budget/ })).toBeVisible();
    await expectAccessible(jan);
  });

  test("a resident votes in the open poll; the closed poll shows its results with a JSON download; a clerk imports a .pb file", async ({ browser }) => {
    const anna = await personPage(browser, DEMO.resident);
    await anna.goto("/votes");
    await anna.getByRole("link", { name: "Welke naam krijgt het nieuwe park aan de Havenkade?" }).click();
    await expectAccessible(anna);
    await anna.getByRole("radio", { name: /Park De Kraan/ }).check();
    await anna.getByRole("button", { name: "Stem uitbrengen" }).click();
    await expect(anna.getByRole("heading", { level: 1, name: "Uw stem is uitgebracht" })).toBeVisible();
    await expect(anna.getByTestId("ballot-code")).toHaveText(/[A-Z2-7 ]{26,}/);
    await expectAccessible(anna);

    await anna.goto("/votes");
    await anna.getByRole("link", { name: "Op welke dag komt de weekmarkt op het Stationsplein?" }).click();
    await anna.getByRole("link", { name: "Bekijk de uitslag" }).click();
    await expect(anna.getByRole("row", { name: /Zaterdag\s+15/ })).toBeVisible();
    await expectAccessible(anna);
    const json = await anna.request.get((await anna.getByRole("link", { name: "De uitslag als open data (JSON)" }).getAttribute("href"))!);
    expect(json.status()).toBe(200);
    const results = (await json.json()) as { vote: { ballots: number }; options: Array<{ title: string; votes: number }> };
    expect(results.vote.ballots).toBe(30);
    expect(results.options.find((o) => o.title === "Zaterdag")?.votes).toBe(15);

    const clerk = await personPage(browser, DEMO.clerk);
    await clerk.goto("/votes");
    await clerk.getByRole("link", { name: "Stemming inlezen (.pb)" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Een stemming inlezen uit een Pabulib-bestand" })).toBeVisible();
    await expectAccessible(clerk);
    const file = (votes: string) => ({
      name: "buurtbudget.pb",
      mimeType: "text/plain",
      buffer: Buffer.from(["META", "key;value", "description;Buurtbudget Noord 2025", "budget;100", "PROJECTS", "project_id;cost;votes;name", "1;60;3;Speelveld", "2;40;2;Bankjes", "3;50;2;Bomen", "VOTES", "voter_id;vote", ...votes.split("|")].join("\r\n")),
    });
    // A vote naming a project the file does not have: the line is named, nothing is imported.
    await clerk.getByLabel("Pabulib-bestand (.pb)").setInputFiles(file("a;1,2|b;1,9|c;1,3|d;2|e;3"));
    await clerk.getByRole("button", { name: "Inlezen" }).click();
    await expect(clerk.getByText(/Regel 13: de stem noemt project 9/).first()).toBeVisible();
    await expectAccessible(clerk);
    await clerk.getByLabel("Pabulib-bestand (.pb)").setInputFiles(file("a;1,2|b;1,2|c;1,3|d;2|e;3"));
    await clerk.getByLabel("Burgerbegroting: verdeelregel").selectOption("greedy");
    await clerk.getByRole("button", { name: "Inlezen" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: "Uitslag" })).toBeVisible();
    await expect(clerk.getByRole("heading", { level: 2, name: /Verdeling van het budget: Meeste stemmen eerst/ })).toBeVisible();
    await expectAccessible(clerk);
  });
});
