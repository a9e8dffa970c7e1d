import { expect, test } from "@playwright/test";
import { DEMO, asPerson, asRead, expectAccessible, planMeetingWithTopic, recordCouncilDecision, signIn, signOut, waitForMail, writeInternalPosition } from "./support";

// Issue #10's journey, an agenda proposal from draft to the council's decision: the admin sets the
// verordening's threshold, a resident drafts and submits, a clerk finds it admissible, verified
// residents support it (without JavaScript) until the threshold sends it to the council, a clerk
// places it on a meeting's agenda, a councillor writes a position, the clerk records the council's
// decision and its supporters are mailed it. Axe scans every page visited with JavaScript on.
test.describe("agenda proposals", () => {
  test("draft, admissible, supported by verified residents to the threshold, on the agenda, a position, decided and mailed to its supporters", async ({ page, browser }) => {
    test.setTimeout(240_000);
    const title = `Een watertappunt in het Stadspark ${Date.now()}`;

    await signIn(page, DEMO.admin);
    await page.goto("/admin/settings");
    await page.getByLabel("Voorstellen: drempel (vast aantal)").fill("2");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByLabel("Voorstellen: drempel (vast aantal)")).toHaveValue("2");
    await expectAccessible(page);
    await signOut(page);

    await signIn(page, DEMO.resident2);
    await page.goto("/proposals");
    await expect(page.getByRole("heading", { level: 1, name: "Voorstellen voor de raadsagenda" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Doe een voorstel" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Onderwerpen die niet kunnen" })).toBeVisible();
    await expect(page.getByText("De gemeentebegroting")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Concept bewaren" }).click();
    await expect(page.getByRole("link", { name: /Titel/ }).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Titel").fill(title);
    await page.getByLabel("Wat moet de raad besluiten?").fill("De raad besluit een drinkwatertappunt te plaatsen bij de speeltuin in het Stadspark.");
    await page.getByLabel("Waarom?").fill("Kinderen en sporters hebben in de zomer dorst.");
    await page.getByRole("button", { name: "Concept bewaren" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Verwante onderwerpen" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Voorstel indienen" }).click();
    await expect(page.getByRole("link", { name: /Bevestig dat uw voorstel/ })).toBeVisible();
    await page.getByLabel(/Mijn voorstel gaat niet over/).check();
    await page.getByRole("button", { name: "Voorstel indienen" }).click();
    await expect(page.getByText(asRead("Uw voorstel is ingediend. De griffie toetst het binnen de termijn."))).toBeVisible();
    const proposalUrl = page.url();
    await signOut(page);

    await signIn(page, DEMO.clerk);
    await page.getByRole("link", { name: "Ontvankelijkheid voorstellen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ontvankelijkheid van voorstellen" })).toBeVisible();
    await expect(page.getByText("Te laat").first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ontvankelijkheid toetsen" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await expect(page.getByRole("link", { name: "Kies ontvankelijk of niet ontvankelijk." })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Ontvankelijk: het voorstel verzamelt steun").check();
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await expect(page.getByText(asRead("Het voorstel is ontvankelijk en verzamelt nu steun. De indiener is op de hoogte gebracht."))).toBeVisible();
    await expect(page.getByText("0 steunbetuigingen, nodig: 2")).toBeVisible();
    await expect(page.getByText(/Nog 90 dagen/)).toBeVisible();
    await expectAccessible(page);
    await signOut(page);

    // Supporting works without JavaScript: a plain form post answered on the fast path.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto("/sign-in");
    await plain.getByLabel(/e-mailadres/i).fill(DEMO.resident2);
    await plain.getByLabel(/^wachtwoord$/i).fill("voorbeeldstad");
    await plain.getByRole("button", { name: /^inloggen$/i }).click();
    await plain.goto(proposalUrl);
    // Jan is not a verified resident (the residents journey may verify him; then he may support).
    const janMay = await plain.getByRole("button", { name: "Ik steun dit voorstel" }).count();
    if (!janMay) await expect(plain.getByText(/Alleen geverifieerde inwoners doen hieraan mee/)).toBeVisible();
    await signOut(plain);

    let count = 0;
    for (const who of [DEMO.resident, DEMO.clerk]) {
      await plain.goto("/sign-in");
      await plain.getByLabel(/e-mailadres/i).fill(who);
      await plain.getByLabel(/^wachtwoord$/i).fill("voorbeeldstad");
      await plain.getByRole("button", { name: /^inloggen$/i }).click();
      await plain.goto(proposalUrl);
      await plain.getByRole("button", { name: "Ik steun dit voorstel" }).click();
      await expect(plain.getByText("Bedankt, uw steun is geteld.")).toBeVisible();
      count++;
      if (count === 1) {
        await expect(plain.getByText("U steunt dit voorstel.")).toBeVisible();
        await expect(plain.getByText("1 steunbetuiging, nodig: 2")).toBeVisible();
      }
      await signOut(plain);
    }
    await plain.goto(proposalUrl);
    await expect(plain.getByText("Genoeg steun: naar de raad").first()).toBeVisible();
    await expect(plain.getByText("Genoeg steun: het voorstel gaat naar de raad.")).toBeVisible();
    await noJs.close();

    await page.goto(proposalUrl);
    await expect(page.getByText("2 steunbetuigingen, nodig: 2")).toBeVisible();
    await expectAccessible(page);

    // At the council: on a meeting's agenda, a councillor's position, the council's decision.
    const clerk = await asPerson(browser, DEMO.clerk);
    const meetingUrl = await planMeetingWithTopic(clerk, "Raadsvergadering over inwonersvoorstellen", title);
    const councillor = await asPerson(browser, DEMO.councillor);
    await writeInternalPosition(councillor, "Rachid Raadslid", title, "Een goed voorstel; ik vraag de wethouder naar de onderhoudskosten.");
    const decision = "De raad besluit een drinkwatertappunt te plaatsen bij de speeltuin in het Stadspark, in het voorjaar.";
    await recordCouncilDecision(clerk, meetingUrl, title, "Aangenomen", decision);

    // Both supporters receive the decision by email; the proposal's page shows it as decided.
    for (const supporter of [DEMO.resident, DEMO.clerk]) {
      const mail = await waitForMail(supporter, (m) => m.subject.includes("De gemeenteraad heeft besloten over") && m.subject.includes(title), 90_000);
      expect(mail.text).toContain(decision);
    }
    await page.goto(proposalUrl);
    await expect(page.getByText(decision)).toBeVisible();
    await expectAccessible(page);
  });
});
