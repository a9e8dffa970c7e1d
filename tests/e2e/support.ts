import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3300);
const mailApi = `http://127.0.0.1:${port + 2}`;

export const DEMO_PASSWORD = "voorbeeldstad";
export const DEMO = {
  resident: "bewoner@voorbeeldstad.example",
  resident2: "jan@voorbeeldstad.example",
  clerk: "griffie@voorbeeldstad.example",
  councillor: "raadslid@voorbeeldstad.example",
  admin: "beheer@voorbeeldstad.example",
} as const;

/** Runs axe on the page as it is now; any violation fails the test with its rule ids. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Waits until a mail to the address arrives (the app's outbox worker sends over real SMTP). */
export async function waitForMail(to: string, match: (m: Mail) => boolean = () => true, timeoutMs = 30_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${mailApi}/messages?to=${encodeURIComponent(to)}`);
    const mails = (await res.json()) as Mail[];
    const found = mails.filter(match).at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

export function firstLink(mail: Mail, contains = "/"): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(contains));
  if (!link) throw new Error(`no link containing ${contains} in mail "${mail.subject}"`);
  return link;
}

/**
 * Signs in through the real form and leaves the page in Dutch (the demo accounts are shared by
 * the specs, and the language is a stored setting of the person: one spec switching a demo
 * account to English must not change what the next spec sees).
 */
/**
 * Signs out and waits until the page is a visitor's: going to another page right after the click
 * can overtake the sign-out post and arrive still signed in (the proposals journey once did).
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^(uitloggen|sign out)$/i }).click();
  await expect(page.getByRole("link", { name: /^(inloggen|sign in)$/i })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel(/e-mailadres|email address/i).fill(email);
  await page.getByLabel(/^(wachtwoord|password)$/i).fill(password);
  await page.getByRole("button", { name: /^(inloggen|sign in)$/i }).click();
  await expect(page.getByRole("button", { name: /uitloggen|sign out/i })).toBeVisible();
  if ((await page.locator("html").getAttribute("lang")) !== "nl") {
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  }
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

/**
 * Text as a person reads it: names and titles inside a sentence are wrapped in invisible direction
 * isolates (FSI ... PDI, docs/decisions/008), which may stand anywhere in the match.
 */
export function asRead(text: string): RegExp {
  return new RegExp([...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\u2066-\\u2069]?"));
}

/** A page of its own (a fresh context: its own cookies), signed in as the person when one is named. */
export async function asPerson(browser: Browser, email?: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  if (email) await signIn(page, email);
  return page;
}

/** Today and a time a few minutes ahead on the town hall clock, as the meeting form asks them. */
export function soonInVoorbeeldstad(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * A clerk plans a council meeting for later today and puts the topic (awaiting the council) on its
 * agenda as item 1, each page scanned by axe. Returns the meeting's address.
 */
export async function planMeetingWithTopic(clerk: Page, meeting: string, topic: string): Promise<string> {
  await clerk.goto("/meetings");
  await expectAccessible(clerk);
  await clerk.getByRole("link", { name: "Vergadering plannen" }).click();
  await expectAccessible(clerk);
  const when = soonInVoorbeeldstad(10);
  await clerk.getByLabel("Naam van de vergadering").fill(meeting);
  await clerk.getByLabel("Datum").fill(when.date);
  await clerk.getByLabel("Aanvang").fill(when.time);
  await clerk.getByRole("button", { name: "Vergadering plannen" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: new RegExp(meeting) })).toBeVisible();
  await clerk.getByLabel("Onderwerp dat op de raad wacht").selectOption({ label: topic });
  await clerk.getByRole("button", { name: "Op de agenda zetten" }).click();
  await expect(clerk.getByText("Het agendapunt staat op de agenda.")).toBeVisible();
  await expect(clerk.getByRole("heading", { level: 3, name: `Agendapunt 1: ${topic}` })).toBeVisible();
  await expectAccessible(clerk);
  return clerk.url();
}

/** A councillor opens the topic's dossier from the briefing and writes an internal position; both pages scanned by axe. */
export async function writeInternalPosition(councillor: Page, councillorName: string, topic: string, position: string) {
  await councillor.getByRole("link", { name: "Raadsbriefing" }).click();
  await expect(councillor.getByRole("heading", { level: 3, name: topic })).toBeVisible();
  await expectAccessible(councillor);
  await councillor.getByRole("link", { name: `Dossier: ${topic}` }).click();
  await expect(councillor.getByRole("heading", { level: 1, name: `Dossier: ${topic}` })).toBeVisible();
  await expect(councillor.getByText(/Agendapunt|Op de agenda van/).first()).toBeVisible();
  await councillor.getByLabel("Standpunt", { exact: true }).fill(position);
  await councillor.getByLabel("Wie mag het lezen?").selectOption("internal");
  await councillor.getByRole("button", { name: "Standpunt opslaan" }).click();
  await expect(councillor.getByText("Uw standpunt is opgeslagen.")).toBeVisible();
  await expect(councillor.getByRole("region", { name: councillorName }).getByText(position)).toBeVisible();
  await expectAccessible(councillor);
}

/** The clerk records the council's decision on the topic's agenda item and publishes it; the decision page scanned by axe. */
export async function recordCouncilDecision(clerk: Page, meetingUrl: string, topic: string, decision: string, text: string) {
  await clerk.goto(meetingUrl);
  await clerk.getByRole("link", { name: `Besluit vastleggen: ${topic}` }).click();
  await expectAccessible(clerk);
  await clerk.getByLabel("Besluit", { exact: true }).selectOption({ label: decision });
  await clerk.getByLabel("Tekst van het besluit").fill(text);
  await clerk.getByRole("button", { name: "Besluit publiceren" }).click();
  await expect(clerk.getByText("Het besluit is gepubliceerd.")).toBeVisible();
  await expect(clerk.getByText(`Besluit: ${decision}`)).toBeVisible();
  await expectAccessible(clerk);
}
