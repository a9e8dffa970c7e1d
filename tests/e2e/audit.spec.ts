import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn } from "./support";

interface Focused {
  tag: string;
  label: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
  background: string;
}

/** Tabs through the page and reads how each focused element looks. */
async function tabThrough(page: Page, max = 80): Promise<Focused[]> {
  const seen: Focused[] = [];
  const keys = new Set<string>();
  await page.locator("body").focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      let bg = "";
      for (let p: HTMLElement | null = el; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; break; }
      }
      return {
        key: el.outerHTML.slice(0, 200),
        tag: el.tagName.toLowerCase(),
        label: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60),
        outlineStyle: cs.outlineStyle,
        outlineWidth: cs.outlineWidth,
        outlineColor: cs.outlineColor,
        boxShadow: cs.boxShadow,
        background: bg,
      };
    });
    if (!info) break;
    if (keys.has(info.key)) break;
    keys.add(info.key);
    const { key: _key, ...rest } = info;
    seen.push(rest);
  }
  return seen;
}

/** A focus indicator a sighted keyboard user can see: an outline with a contrasting halo (dark and light backgrounds alike). */
function invisible(seen: Focused[]): string[] {
  return seen
    .filter((f) => f.outlineStyle === "none" || parseFloat(f.outlineWidth) < 2 || f.boxShadow === "none")
    .map((f) => `${f.tag} "${f.label}": outline ${f.outlineStyle} ${f.outlineWidth}, shadow ${f.boxShadow}`);
}

test.describe("the audit: keyboard focus and error summaries", () => {
  test("every element reached by Tab shows the focus ring, also on the dark header and footer", async ({ page }) => {
    const pages = ["/", "/petitions", "/discussions", "/sign-in", "/register", "/search?q=park"];
    for (const path of pages) {
      await page.goto(path);
      const seen = await tabThrough(page);
      expect(seen.length, path).toBeGreaterThan(5);
      expect(invisible(seen), path).toEqual([]);
    }
    await page.goto("/petitions");
    await page.getByRole("link", { name: /fietsenstalling|bankjes|bomen|zebrapad|speeltuin/i }).first().click();
    expect(invisible(await tabThrough(page, 120))).toEqual([]);

    await signIn(page, DEMO.clerk);
    for (const path of ["/moderation", "/moderation/blocks", "/audit", "/petitions/moderation"]) {
      await page.goto(path);
      expect(invisible(await tabThrough(page, 120)), path).toEqual([]);
    }
    await expectAccessible(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the error summary names each problem and its link takes the keyboard to the field", async ({ page }) => {
    await page.goto("/register");
    await page.getByRole("button", { name: /account maken/i }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Er is iets niet goed ingevuld" }) });
    await expect(summary).toBeVisible();
    const links = summary.getByRole("link");
    expect(await links.count()).toBeGreaterThan(1);
    for (let i = 0; i < (await links.count()); i++) {
      const href = await links.nth(i).getAttribute("href");
      await links.nth(i).click();
      await expect(page.locator(href!)).toBeFocused();
      await page.goBack();
    }
  });
});
