import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, waitForMail } from "./support";

const TOPIC = "Betere straatverlichting in het Oosterpark";

async function asPerson(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** Today and a time a few minutes ahead on the town hall clock, as the meeting form asks them. */
function soonInVoorbeeldstad(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test.describe("the council", () => {
  test("a clerk plans a meeting and places a topic, a councillor writes a position and opens the dossier, the clerk records the decision and a signer is mailed it", async ({ browser }) => {
    test.setTimeout(180_000);
    // A resident signs the petition that awaits the council.
    const jan = await asPerson(browser, DEMO.resident2);
    await jan.goto("/petitions?status=all");
    await jan.getByRole("link", { name: TOPIC }).click();
    await jan.getByRole("button", { name: "Onderteken", exact: true }).click();
    await expect(jan.getByText("Bedankt! Uw handtekening telt mee.")).toBeVisible();

    // The clerk plans a meeting for later today and puts the petition on its agenda.
    const clerk = await asPerson(browser, DEMO.clerk);
    await clerk.goto("/meetings");
    await expectAccessible(clerk);
    await clerk.getByRole("link", { name: "Vergadering plannen" }).click();
    await expectAccessible(clerk);
    const when = soonInVoorbeeldstad(10);
    await clerk.getByLabel("Naam van de vergadering").fill("Extra raadsvergadering");
    await clerk.getByLabel("Datum").fill(when.date);
    await clerk.getByLabel("Aanvang").fill(when.time);
    await clerk.getByRole("button", { name: "Vergadering plannen" }).click();
    await expect(clerk.getByRole("heading", { level: 1, name: /Extra raadsvergadering/ })).toBeVisible();
    await clerk.getByLabel("Onderwerp dat op de raad wacht").selectOption({ label: TOPIC });
    await clerk.getByRole("button", { name: "Op de agenda zetten" }).click();
    await expect(clerk.getByText("Het agendapunt staat op de agenda.")).toBeVisible();
    await expect(clerk.getByRole("heading", { level: 3, name: `Agendapunt 1: ${TOPIC}` })).toBeVisible();
    await expectAccessible(clerk);
    const meetingUrl = clerk.url();

    // A councillor reads the briefing, opens the dossier and writes an internal position.
    const councillor = await asPerson(browser, DEMO.councillor);
    await councillor.getByRole("link", { name: "Raadsbriefing" }).click();
    await expect(councillor.getByRole("heading", { level: 3, name: TOPIC })).toBeVisible();
    await expectAccessible(councillor);
    await councillor.getByRole("link", { name: `Dossier: ${TOPIC}` }).click();
    await expect(councillor.getByRole("heading", { level: 1, name: `Dossier: ${TOPIC}` })).toBeVisible();
    await expect(councillor.getByText(/Agendapunt|Op de agenda van/).first()).toBeVisible();
    await councillor.getByLabel("Standpunt", { exact: true }).fill("Ik wil weten wat extra lantaarnpalen kosten voordat ik instem.");
    await councillor.getByLabel("Wie mag het lezen?").selectOption("internal");
    await councillor.getByRole("button", { name: "Standpunt opslaan" }).click();
    await expect(councillor.getByText("Uw standpunt is opgeslagen.")).toBeVisible();
    await expect(councillor.getByRole("region", { name: "Rachid Raadslid" }).getByText("Ik wil weten wat extra lantaarnpalen kosten voordat ik instem.")).toBeVisible();
    await expectAccessible(councillor);
    const pdf = await councillor.request.get(`${new URL(councillor.url()).pathname}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // The clerk records the council's decision; the signer hears it by email.
    await clerk.goto(meetingUrl);
    await clerk.getByRole("link", { name: `Besluit vastleggen: ${TOPIC}` }).click();
    await expectAccessible(clerk);
    await clerk.getByLabel("Besluit", { exact: true }).selectOption({ label: "Terugverwezen" });
    await clerk.getByLabel("Tekst van het besluit").fill("De raad verwijst het verzoek terug en vraagt een kostenraming van het college.");
    await clerk.getByRole("button", { name: "Besluit publiceren" }).click();
    await expect(clerk.getByText("Het besluit is gepubliceerd.")).toBeVisible();
    await expect(clerk.getByText("Besluit: Terugverwezen")).toBeVisible();

    const mail = await waitForMail(DEMO.resident2, (m) => m.subject.includes("De gemeenteraad heeft besloten over"), 90_000);
    expect(mail.text).toContain("vraagt een kostenraming van het college");
  });

  test("the public reads the meetings and a meeting's agenda; residents cannot open the briefing", async ({ page }) => {
    await page.goto("/meetings");
    await page.getByRole("link", { name: "Commissie Ruimte en Wonen" }).first().click();
    await expect(page.getByRole("heading", { level: 2, name: "Agenda" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/meetings?when=past");
    await expectAccessible(page);
    await signIn(page, DEMO.resident);
    const briefing = await page.goto("/council");
    expect(briefing?.status()).toBe(403);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a clerk reorders an agenda and a councillor marks an item reviewed with plain forms", async ({ page, browser }) => {
      await signIn(page, DEMO.clerk);
      await page.goto("/meetings");
      await page.getByRole("link", { name: "Commissie Ruimte en Wonen" }).first().click();
      const first = page.getByRole("heading", { level: 3 }).first();
      const firstTitle = (await first.textContent())!.replace(/^Agendapunt 1: /, "");
      await page.getByRole("button", { name: `Omlaag: ${firstTitle}` }).click();
      await expect(page.getByText("De volgorde van de agenda is aangepast.")).toBeVisible();
      await expect(page.getByRole("heading", { level: 3, name: `Agendapunt 2: ${firstTitle}` })).toBeVisible();

      const context = await browser.newContext({ javaScriptEnabled: false });
      const councillor = await context.newPage();
      await signIn(councillor, DEMO.councillor);
      await councillor.goto("/council");
      await councillor.getByRole("link", { name: `Dossier: ${TOPIC}` }).click();
      await councillor.getByLabel("Standpunt", { exact: true }).fill("Zonder script geschreven: eerst de kosten.");
      await councillor.getByRole("button", { name: "Standpunt opslaan" }).click();
      await expect(councillor.getByText("Uw standpunt is opgeslagen.")).toBeVisible();
    });
  });
});
