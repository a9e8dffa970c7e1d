// Each page sends the browser its own language only, and only the message namespaces its routes
// declare in handle.i18n (app/i18n/pages.server.ts). These tests keep those declarations true:
// every key a route's browser code names is among them.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogs, isMessageKey, NAMESPACES, namespaceOf } from "~/i18n";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";
import { messagesNamed } from "../../support/message-scan";

const ROUTES = path.resolve("app/routes");

async function moduleOf(file: string): Promise<{ handle?: unknown; default?: unknown }> {
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { handle?: unknown; default?: unknown };
}

describe("the messages a page sends", () => {
  it("cover every key each route's browser code names, with the root's", async () => {
    const root = await moduleOf(path.resolve("app/root.tsx"));
    const missing: string[] = [];
    for (const name of fs.readdirSync(ROUTES)) {
      const file = path.join(ROUTES, name);
      const route = await moduleOf(file);
      if (typeof route.default !== "function") continue;
      const declared = new Set([...routeMessages(root), ...routeMessages(route)]);
      const named = messagesNamed(file, isMessageKey, NAMESPACES);
      // A namespace covers its keys; a declared start ("petition.sign.") covers the keys under it.
      const covered = (text: string) =>
        declared.has(text) || declared.has(namespaceOf(text)) || [...declared].some((entry) => entry.endsWith(".") && text.startsWith(entry));
      for (const prefix of named.prefixes) if (!covered(prefix)) missing.push(`${name}: keys starting ${prefix}`);
      for (const key of named.keys) if (!covered(key)) missing.push(`${name}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it("declare only namespaces and keys that exist", async () => {
    const unknown: string[] = [];
    for (const file of [path.resolve("app/root.tsx"), ...fs.readdirSync(ROUTES).map((n) => path.join(ROUTES, n))]) {
      for (const entry of routeMessages(await moduleOf(file))) {
        const start = entry.endsWith(".") && Object.keys(catalogs.nl).some((key) => key.startsWith(entry));
        if (!NAMESPACES.has(entry) && !isMessageKey(entry) && !start) unknown.push(`${path.basename(file)}: ${entry}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it("are the page's language only, and only its namespaces (home: no petition catalogue)", async () => {
    const root = await moduleOf(path.resolve("app/root.tsx"));
    const home = await moduleOf(path.join(ROUTES, "_index.tsx"));
    const declared = [...routeMessages(root), ...routeMessages(home)];
    const nl = declaredMessages("nl", declared);
    const en = declaredMessages("en", declared);
    expect(nl["home.intro"]).toBe(catalogs.nl["home.intro"]);
    expect(en["home.intro"]).toBe(catalogs.en["home.intro"]);
    for (const [key, text] of Object.entries(nl)) expect(text).toBe(catalogs.nl[key as keyof typeof catalogs.nl]);
    for (const [key, text] of Object.entries(en)) expect(text).toBe(catalogs.en[key as keyof typeof catalogs.en]);
    const namespaces = new Set(Object.keys(nl).map(namespaceOf));
    // The cards come worded from the loader: no kind's messages at all.
    expect(Object.keys(nl).filter((key) => namespaceOf(key) === "petition")).toEqual([]);
    expect(namespaces.has("moderation")).toBe(false);
    expect(Object.keys(nl).length).toBeLessThan(Object.keys(catalogs.nl).length / 5);
  });
});
