// What the petition page said against itself (issue 9, point 16): a debated petition still asking for
// signatures for a debate, a rejected one with "0 signatures · closed on", a blank sign form under a
// guest's thanks, and the submit message repeating the preview box.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { recordDebateOutcome, rejectPetition, scheduleDebate } from "~/modules/petitions/petitions.lifecycle.server";
import { createTestApp, type TestApp } from "../../support/handler";
import { startMailCatcher } from "../../support/mail";
import { createPerson } from "../../support/fixtures";
import { actorOf, clerk, CONFIRM_LINK, drain, ensureNeighbourhoods, makePetition, setThresholds, signAsGuest, uniqueEmail } from "./helpers";

let app: TestApp;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  [app, mail] = await Promise.all([createTestApp(), startMailCatcher()]);
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});
afterAll(async () => {
  await mail.stop();
});

/** The page as rendered, without the scripts after it (they carry the page's messages for the browser). */
const html = async (path: string, browser = app.browser()) => (await (await browser.get(path)).text()).split("<script")[0]!;

describe("the petition page does not contradict itself", () => {
  it("a debated petition no longer counts towards a debate (nor a scheduled one)", async () => {
    const { id } = await makePetition();
    const theClerk = actorOf(await clerk());
    expect(await html(`/petitions/${id}`)).toContain("van de 2.000 handtekeningen voor een bespreking in de raad");
    expect(scheduleDebate(theClerk, id, { meetingAt: new Date(Date.now() + 7 * 86_400_000) }).ok).toBe(true);
    expect(await html(`/petitions/${id}`)).not.toContain("handtekeningen voor een bespreking");
    expect(recordDebateOutcome(theClerk, id, { body: "De raad heeft gesproken.", responsibleBody: "Gemeenteraad" }).ok).toBe(true);
    const page = await html(`/petitions/${id}`);
    expect(page).not.toContain("handtekeningen voor een bespreking");
    // The written response is still ahead: that count stays.
    expect(page).toContain("van de 500 handtekeningen voor een schriftelijk antwoord");
  });

  it("a rejected petition shows no signature count and no 'closed on'", async () => {
    const { id } = await makePetition({ stage: "submitted" });
    expect(rejectPetition(actorOf(await clerk()), id, { code: "duplicate" }).ok).toBe(true);
    const page = await html(`/petitions/${id}`);
    expect(page).toContain("Afgewezen");
    expect(page).not.toMatch(/0 handtekeningen|Gesloten op|handtekeningen voor een/);
  });

  it("a guest who confirmed is thanked, without a blank sign form under the thanks; the next visitor gets the form", async () => {
    const { id } = await makePetition();
    const email = uniqueEmail("bedankt");
    await signAsGuest(id, email);
    const link = (await drain(mail)).find((m) => m.to.includes(email))!.text.match(CONFIRM_LINK)![0];
    const guest = app.browser();
    const confirmPath = new URL(link).pathname;
    expect((await guest.get(confirmPath)).status).toBe(200);
    const confirmed = await guest.post(confirmPath, {});
    expect(confirmed.headers.get("Location")).toBe(`/petitions/${id}`);
    const after = await html(`/petitions/${id}`, guest);
    expect(after).toContain(translator("nl")("petition.confirm.done"));
    expect(after).toContain("U heeft deze petitie ondertekend.");
    expect(after).not.toContain('name="email"');
    // The message is shown once: on the next load (or for anyone else) the form is back.
    expect(await html(`/petitions/${id}`, guest)).toContain('name="email"');
    expect(await html(`/petitions/${id}`)).toContain('name="email"');
  });

  it("the submit message says it worked and does not repeat the preview box", async () => {
    const sentences = (text: string) => text.split(/(?<=[.;!?])\s+/).map((s) => s.replace(/[;.!?]$/, "").toLowerCase());
    for (const locale of ["nl", "en"] as const) {
      const t = translator(locale);
      const toast = sentences(t("petition.submit.done"));
      for (const box of ["petition.preview.submitted", "petition.preview.awaitingSponsors"] as const) {
        for (const sentence of toast) expect(sentences(t(box)), `${locale} ${box}`).not.toContain(sentence);
      }
    }
    // And the page after submitting shows the box (with the next step) and the short message.
    const author = await createPerson();
    const { id } = await makePetition({ stage: "draft", author });
    const browser = app.browser();
    browser.jar.store(author.cookie.split(";")[0]!);
    const submitted = await browser.post(`/petitions/${id}`, { intent: "submit" });
    expect(submitted.status).toBe(302);
    const page = await html(`/petitions/${id}`, browser);
    expect(page).toContain("Petitie ingediend.");
    expect(page).toContain(translator("nl")("petition.preview.submitted"));
  });
});
