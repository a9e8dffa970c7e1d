import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test.describe("the platform shell", () => {
  test("home, language switch, search, statements and 404 work in both languages and pass axe", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Voorbeeldstad");
    await expectAccessible(page);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Search" }).click();
    await page.getByRole("searchbox", { name: "Search term" }).fill("zzzzqqq");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("No results for ‘zzzzqqq’.")).toBeVisible();
    await expectAccessible(page);
    // Part of a Dutch compound word (issue #9 point 10): "park" finds the Stadspark, with its kind.
    await page.getByRole("searchbox", { name: "Search term" }).fill("park");
    await page.getByRole("button", { name: "Search" }).click();
    const results = page.getByRole("main").getByRole("listitem").filter({ hasText: "Stadspark" });
    await expect(results.first()).toBeVisible();
    await expect(results.first()).toContainText(/Discussion|Petition/);
    // The filter offers the kinds the platform runs, every one of them.
    for (const kind of ["Petition", "Discussion", "Proposal", "Bylaw", "Vote"]) await expect(page.getByLabel("Kind")).toContainText(kind);
    await expectAccessible(page);

    for (const [path, heading] of [
      ["/privacy", "Privacy statement"],
      ["/accessibility", "Accessibility statement"],
      ["/does-not-exist", "Page not found"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectAccessible(page);
    }

    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.goto("/does-not-exist");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  });

  test("the skip link moves focus to the content by keyboard", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Naar de inhoud" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the language switch still works", async ({ page }) => {
      await page.goto("/search");
      await page.getByRole("button", { name: "English" }).click();
      await expect(page).toHaveURL(/\/search$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
    });
  });

  test("the server refuses cross-site and non-form posts without a 500", async ({ request }) => {
    const crossSite = await request.post("/language", { headers: { Origin: "https://evil.example" }, form: { locale: "en" } });
    expect(crossSite.status()).toBe(403);
    // The signing hot path hands anything but a plain same-site form post to the guarded stack.
    const crossSiteSign = await request.post("/petitions/1/sign", {
      headers: { Origin: "https://evil.example", Cookie: "inspraak_session=x" },
      form: { intent: "sign" },
      maxRedirects: 0,
    });
    expect(crossSiteSign.status()).toBe(403);
    const jsonSign = await request.post("/petitions/1/sign", { headers: { Cookie: "inspraak_session=x" }, data: { intent: "sign" }, maxRedirects: 0 });
    expect(jsonSign.status()).toBe(415);
    const json = await request.post("/language", { data: { locale: "en" } });
    expect(json.status()).toBe(415);
    const huge = await request.post("/language", { form: { locale: "x".repeat(1_100_000) } });
    expect(huge.status()).toBe(413);
    const health = await request.get("/healthz");
    expect(await health.json()).toMatchObject({ status: "ok" });
    const home = await request.get("/");
    expect(home.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  });

  // Issue 9 point 19: the fast path in front of Remix once set its own, shorter list of headers.
  test("every kind of response carries the same security headers", async ({ request }) => {
    const names = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy", "cross-origin-opener-policy", "strict-transport-security"];
    const securityHeaders = (headers: Record<string, string>) =>
      Object.fromEntries(names.map((name) => [name, name === "content-security-policy" ? headers[name]?.replace(/'nonce-[^']+'/, "'nonce-*'") : headers[name]]));
    const answers = {
      page: await request.get("/petitions"),
      resource: await request.get("/petitions/1/data.json"),
      static: await request.get("/favicon.ico"),
      notFound: await request.get("/no-such-page"),
      crossSite: await request.post("/language", { headers: { Origin: "https://evil.example" }, form: { locale: "en" } }),
      fastPath: await request.post("/petitions/1/sign", { headers: { Cookie: "inspraak_session=x" }, form: { intent: "sign" }, maxRedirects: 0 }),
      fastPathMissing: await request.post("/petitions/99999999/sign", { headers: { Cookie: "inspraak_session=x" }, form: { intent: "sign" }, maxRedirects: 0 }),
    };
    expect(answers.fastPath.status()).toBe(303);
    expect(answers.fastPathMissing.status()).toBe(404);
    expect(answers.notFound.status()).toBe(404);
    expect(answers.crossSite.status()).toBe(403);
    const expected = securityHeaders(answers.page.headers());
    expect(expected["content-security-policy"]).toContain("script-src 'self' 'nonce-*'");
    expect(expected["permissions-policy"]).toBeTruthy();
    expect(expected["cross-origin-opener-policy"]).toBe("same-origin");
    for (const [kind, answer] of Object.entries(answers)) expect(securityHeaders(answer.headers()), kind).toEqual(expected);
  });
  // The page cache in front of Remix (server.js): a hit is the same page with the same headers,
  // written as stored (gzipped once per entry when the browser takes gzip).
  test("anonymous visitors of a petition share one render, gzipped or not, with the same headers", async ({ request }) => {
    const first = await request.get("/petitions/1", { headers: { "accept-encoding": "gzip" } });
    const gzipped = await request.get("/petitions/1", { headers: { "accept-encoding": "gzip" } });
    const plain = await request.get("/petitions/1", { headers: { "accept-encoding": "identity" } });
    expect(first.status()).toBe(200);
    expect(gzipped.headers()["x-cache"]).toBe("HIT");
    expect(gzipped.headers()["content-encoding"]).toBe("gzip");
    expect(plain.headers()["x-cache"]).toBe("HIT");
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(await gzipped.text()).toBe(await first.text());
    expect(await plain.text()).toBe(await first.text());
    for (const name of ["content-security-policy", "x-content-type-options", "referrer-policy", "content-type", "vary"]) {
      expect(gzipped.headers()[name], name).toBe(first.headers()[name]);
      expect(plain.headers()[name], name).toBe(first.headers()[name]);
    }
  });
});
