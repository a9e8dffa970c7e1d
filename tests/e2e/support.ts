import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

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
