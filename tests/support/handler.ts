// The whole Remix request pipeline inside vitest: route matching, loaders and actions, single
// fetch, `headers` exports, error boundaries and the document rendered through app/entry.server.tsx
// and app/root.tsx, answered by the same `createRequestHandler` production uses, with real cookies.
//
// The ServerBuild is assembled here the way the Remix Vite plugin assembles
// `virtual:remix/server-build` (the plugin is not loaded under vitest): routes discovered with
// Remix's own flat-routes convention, each route module imported from its file. What this does NOT
// run is server.js around Remix (security headers, the cross-site/415/413 guards, the anonymous
// page cache, static files): those are express's, and the e2e tests cover them.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { CookieJar } from "./routes";
import type { TopicKind } from "#db/schema/topics.constants";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { waitForWriteTurn } from "~/utils/http.server";

export { CookieJar };

/** Where the app believes it lives (BASE_URL in tests/support/setup.ts). */
export const ORIGIN = "http://localhost:3000";
const APP_DIRECTORY = path.resolve("app");

/** The future flags of the real build; checked against vite.config.ts when the build is made. */
const FUTURE: ServerBuild["future"] = {
  v3_fetcherPersist: true,
  v3_relativeSplatPath: true,
  v3_throwAbortReason: true,
  v3_singleFetch: true,
  v3_lazyRouteDiscovery: true,
};

type RouteModule = ServerBuild["routes"][string]["module"];
type ServerRouteEntry = ServerBuild["routes"][string];
type EntryRoute = ServerBuild["assets"]["routes"][string];

/** The flags switched on in vite.config.ts's remix({ future }), read from its source. */
function viteConfigFlags(): string[] {
  const source = fs.readFileSync(path.resolve("vite.config.ts"), "utf8");
  const future = /future:\s*\{([^}]*)\}/.exec(source)?.[1] ?? "";
  return [...future.matchAll(/(v3_\w+):\s*true/g)].map((m) => m[1]!).sort();
}

function checkFutureFlags() {
  const here = Object.entries(FUTURE)
    .filter(([, on]) => on)
    .map(([flag]) => flag)
    .sort();
  const there = viteConfigFlags();
  if (here.join() !== there.join()) {
    throw new Error(`tests/support/handler.ts future flags (${here.join(", ")}) differ from vite.config.ts (${there.join(", ")})`);
  }
}

/**
 * The server build, as the Remix Vite plugin would generate it: "root" -> app/root.tsx plus every
 * flat route in app/routes, each with its module, and a minimal browser manifest that says which
 * routes have loaders, actions and error boundaries (Remix reads those flags on the server too).
 */
export async function assembleServerBuild(): Promise<ServerBuild> {
  checkFutureFlags();
  const manifest = {
    root: { id: "root", path: "", file: "root.tsx" } as { id: string; path?: string; index?: boolean; caseSensitive?: boolean; parentId?: string; file: string },
    ...flatRoutes(APP_DIRECTORY),
  };
  const routes: Record<string, ServerRouteEntry> = {};
  const assetRoutes: Record<string, EntryRoute> = {};
  // Imported one after another: the modules share most of their dependencies.
  for (const route of Object.values(manifest)) {
    const module = (await import(/* @vite-ignore */ pathToFileURL(path.join(APP_DIRECTORY, route.file)).href)) as RouteModule;
    routes[route.id] = {
      id: route.id,
      parentId: route.parentId,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module,
    };
    assetRoutes[route.id] = {
      id: route.id,
      parentId: route.parentId,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module: `/${route.id}.js`,
      hasLoader: typeof module.loader === "function",
      hasAction: typeof module.action === "function",
      hasClientLoader: false,
      hasClientAction: false,
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
      imports: [],
    };
  }
  const entry = (await import("~/entry.server")) as unknown as ServerBuild["entry"]["module"];
  // As server.js: the root loader sends each page the messages its routes declare.
  (entry as unknown as { registerRoutes(r: typeof routes): void }).registerRoutes(routes);
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      routes: assetRoutes,
      url: "/manifest.js",
      version: "test",
    },
    basename: undefined,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: FUTURE,
    isSpaMode: false,
  };
}

export type Form = Record<string, string | string[]> | URLSearchParams;

export interface FetchOptions {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as application/x-www-form-urlencoded (and makes the method POST unless told otherwise). */
  form?: Form;
  /** Any other body; set Content-Type yourself in headers. */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Cookies sent from and stored into this jar. Without one, no cookies are sent or kept. */
  cookieJar?: CookieJar;
  /** The client address server.js passes to Remix as x-inspraak-client-ip (rate limits). */
  ip?: string;
  /**
   * The Origin header of a POST. Defaults to this site's origin, as a browser sends it on a
   * same-site form post; null sends none (curl, or a browser's GET).
   */
  origin?: string | null;
}

export interface TestApp {
  build: ServerBuild;
  /** The Remix request handler itself, with the client address and load context server.js gives it. */
  handle(request: Request, ip?: string): Promise<Response>;
  /** One request, like a browser without JavaScript that follows no redirect by itself. */
  fetch(pathOrUrl: string, options?: FetchOptions): Promise<Response>;
  get(pathOrUrl: string, options?: Omit<FetchOptions, "method" | "form" | "body">): Promise<Response>;
  /** A same-site form post: form-urlencoded body, Origin and Host of this site. */
  post(pathOrUrl: string, form: Form, options?: Omit<FetchOptions, "method" | "form">): Promise<Response>;
  /** A browser: its own cookie jar and client address, bound to get/post/fetch. */
  browser(options?: { ip?: string; headers?: Record<string, string> }): TestBrowser;
}

export interface TestBrowser {
  jar: CookieJar;
  fetch(pathOrUrl: string, options?: Omit<FetchOptions, "cookieJar">): Promise<Response>;
  get(pathOrUrl: string, options?: Omit<FetchOptions, "method" | "form" | "body" | "cookieJar">): Promise<Response>;
  post(pathOrUrl: string, form: Form, options?: Omit<FetchOptions, "method" | "form" | "cookieJar">): Promise<Response>;
}

/** Keeps every Set-Cookie of a response in the jar (expired ones are removed). */
export function keepCookies(jar: CookieJar, response: Response): Response {
  for (const cookie of response.headers.getSetCookie()) jar.store(cookie);
  return response;
}

/** The Set-Cookie header of one cookie in a response, attributes included. */
export function setCookieOf(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

function toBody(form: Form): URLSearchParams {
  if (form instanceof URLSearchParams) return form;
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body;
}

let building: Promise<ServerBuild> | undefined;
let counter = 0;

/**
 * The app behind a request handler. The build (every route module imported once) is made once per
 * test file and shared by every createTestApp() call in it.
 */
export async function createTestApp(): Promise<TestApp> {
  building ??= assembleServerBuild();
  const build = await building;
  const handler = createRequestHandler(build, "production");
  const host = new URL(ORIGIN).host;

  const handle = async (request: Request, ip = "127.0.0.1") => {
    // As server.js: the client address is set by the server, whatever the client sent, and the
    // CSP nonce (fixed here, fresh per request there) goes in the load context entry and root read.
    request.headers.set("x-inspraak-client-ip", ip);
    const loadContext: AppLoadContext = { nonce: "test-nonce" };
    // As server.js: a post waits for the write lock without holding the event loop before Remix runs its action.
    await waitForWriteTurn(request.method);
    return handler(request, loadContext);
  };

  const fetchOne = async (pathOrUrl: string, options: FetchOptions = {}): Promise<Response> => {
    const method = options.method ?? (options.form || options.body ? "POST" : "GET");
    const headers = new Headers(options.headers);
    // Through express the Request always carries Host; Remix compares it with Origin before actions.
    if (!headers.has("Host")) headers.set("Host", host);
    const cookie = options.cookieJar?.header();
    if (cookie) headers.set("Cookie", cookie);
    let body: BodyInit | undefined = options.body;
    if (options.form) {
      body = toBody(options.form);
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    if (method !== "GET" && method !== "HEAD") {
      const origin = options.origin === undefined ? ORIGIN : options.origin;
      if (origin !== null && !headers.has("Origin")) headers.set("Origin", origin);
    }
    const response = await handle(new Request(new URL(pathOrUrl, ORIGIN), { method, headers, body, redirect: "manual" }), options.ip);
    if (options.cookieJar) keepCookies(options.cookieJar, response);
    return response;
  };

  const app: TestApp = {
    build,
    handle,
    fetch: fetchOne,
    get: (pathOrUrl, options = {}) => fetchOne(pathOrUrl, { ...options, method: "GET" }),
    post: (pathOrUrl, form, options = {}) => fetchOne(pathOrUrl, { ...options, method: "POST", form }),
    browser(browserOptions = {}) {
      const jar = new CookieJar();
      counter++;
      const ip = browserOptions.ip ?? `10.200.${(counter >> 8) & 255}.${counter & 255}`;
      const withDefaults = <T extends FetchOptions>(options: T | undefined): T & FetchOptions =>
        ({ ...options, cookieJar: jar, ip: options?.ip ?? ip, headers: { ...browserOptions.headers, ...options?.headers } }) as T & FetchOptions;
      return {
        jar,
        fetch: (pathOrUrl, options) => fetchOne(pathOrUrl, withDefaults(options)),
        get: (pathOrUrl, options) => fetchOne(pathOrUrl, { ...withDefaults(options), method: "GET" }),
        post: (pathOrUrl, form, options) => fetchOne(pathOrUrl, { ...withDefaults(options), method: "POST", form }),
      };
    },
  };
  return app;
}

/** Where a redirect points, as a path (Remix redirects are relative already). */
export function locationOf(response: Response): string | null {
  const location = response.headers.get("Location");
  if (!location) return null;
  const url = new URL(location, ORIGIN);
  return url.origin === ORIGIN ? url.pathname + url.search : location;
}

/** The path and query of an absolute link from an email. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}

/** The demo topics a walk of every page fills the :id of a route with, per kind (e.g. an open, a closed and a draft petition). */
export type PageIds = Partial<Record<TopicKind, readonly number[]>>;

/**
 * Every page of the app (each route with a component), its :id filled with demo topics: a route
 * under a kind's path (its manifest) with that kind's topics, a shared route (/topics/:id/...)
 * with every kind's first one; plus the extra paths a test adds. Every registered kind must be
 * given, so a new kind's pages are walked as soon as it is registered.
 */
export function pagePaths(build: ServerBuild, ids: PageIds, extras: string[]): string[] {
  const kinds = registeredKinds();
  const missing = kinds.filter((k) => !ids[k.kind]?.length).map((k) => k.kind);
  if (missing.length) throw new Error(`pagePaths: no demo topic for the registered kind(s) ${missing.join(", ")}`);
  const full = (id: string): string => {
    const r = build.routes[id]!;
    const parent = r.parentId && r.parentId !== "root" ? full(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  const paths = new Set<string>();
  for (const r of Object.values(build.routes)) {
    if (r.id === "root" || typeof r.module.default !== "function" || r.path === "*") continue;
    const pattern = `/${full(r.id)}`;
    if (pattern.includes(":token")) continue;
    if (!pattern.includes(":id")) {
      paths.add(pattern.replace(":statement", "privacy"));
      continue;
    }
    // A page under a part of a topic (an article, an amendment) has ids the walk cannot make up: the test gives it as an extra.
    if (/:(?!id\b)\w+/.test(pattern)) continue;
    const owner = kinds.find((k) => pattern.startsWith(`${k.path}/:id`));
    const fill = owner ? ids[owner.kind]! : kinds.map((k) => ids[k.kind]![0]!);
    for (const id of fill) paths.add(pattern.replace(":id", String(id)));
  }
  for (const extra of extras) paths.add(extra);
  return [...paths];
}
