import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test.describe("the open API", () => {
  test("its documentation is reached from the footer and from open data, in Dutch and English, and passes axe", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Open API" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Open API/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Adressen" })).toContainText("GET /api/v1/topics");
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("table", { name: "Addresses" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "OpenAPI description (JSON)" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);

    await page.goto("/open-data");
    await page.getByRole("link", { name: /open API/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Open API/ })).toBeVisible();
  });

  test("its documentation reads without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/api");
    await expect(page.getByRole("heading", { level: 1, name: /^Open API/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "OpenAPI-beschrijving (JSON)" })).toHaveAttribute("href", "/api/v1/openapi.json");
    await context.close();
  });

  test("answers through the real server, compressed or not: JSON with an ETag, a 304 for it, CORS for any site", async ({ request }) => {
    const first = await request.get("/api/v1/topics?limit=5", { headers: { "Accept-Encoding": "gzip", Origin: "https://data.example.org" } });
    expect(first.status()).toBe(200);
    expect(first.headers()["access-control-allow-origin"]).toBe("*");
    expect(first.headers()["cache-control"]).toBe("public, max-age=60");
    const etag = first.headers()["etag"]!;
    expect(etag).toMatch(/^W\/"/);
    const body = await first.json();
    expect(body.items).toHaveLength(5);
    const again = await request.get("/api/v1/topics?limit=5", { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    const next = await request.get(body.next);
    expect(next.status()).toBe(200);
    const bad = await request.get("/api/v1/topics?limit=0");
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toMatch(/^application\/problem\+json/);
    expect((await bad.json()).param).toBe("limit");
  });
});
