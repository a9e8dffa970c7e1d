import { expect, test } from "@playwright/test";
import { DEMO, asPerson, expectAccessible, planMeetingWithTopic, recordCouncilDecision, signIn, waitForMail, writeInternalPosition } from "./support";

const TOPIC = "Betere straatverlichting in het Oosterpark";

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
    const meetingUrl = await planMeetingWithTopic(clerk, "Extra raadsvergadering", TOPIC);

    // A councillor reads the briefing, opens the dossier and writes an internal position.
    const councillor = await asPerson(browser, DEMO.councillor);
    await writeInternalPosition(councillor, "Rachid Raadslid", TOPIC, "Ik wil weten wat extra lantaarnpalen kosten voordat ik instem.");
    const pdf = await councillor.request.get(`${new URL(councillor.url()).pathname}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // The clerk records the council's decision; the signer hears it by email.
    await recordCouncilDecision(clerk, meetingUrl, TOPIC, "Terugverwezen", "De raad verwijst het verzoek terug en vraagt een kostenraming van het college.");

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
