// Calls route modules' loaders and actions the way Remix does: a real Request with real
// cookies in, a Response (or data) out. Thrown Responses (redirects, 403, 404) come back as results.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export interface RouteModule {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
}

export interface RouteResult<T = any> {
  status: number;
  headers: Headers;
  /** Loader/action data (objects returned directly or through data()); null for a bare Response. */
  data: T;
  /** The redirect target, for 3xx. */
  location: string | null;
  response: Response | null;
}

export interface CallOptions {
  method?: "GET" | "POST";
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string | string[]> | URLSearchParams;
  cookie?: string | null;
  headers?: Record<string, string>;
  ip?: string;
}

export function buildRequest({ method = "GET", path, form, cookie, headers, ip }: CallOptions): Request {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  h.set("x-inspraak-client-ip", ip ?? "127.0.0.1");
  let body: URLSearchParams | undefined;
  if (form) {
    body = form instanceof URLSearchParams ? form : new URLSearchParams();
    if (!(form instanceof URLSearchParams)) {
      for (const [key, value] of Object.entries(form)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      }
    }
    h.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`http://localhost:3000${path}`, { method, headers: h, body });
}

async function toResult(value: unknown): Promise<RouteResult> {
  if (value instanceof Response) {
    const type = value.headers.get("Content-Type") ?? "";
    let data: unknown = null;
    if (type.includes("application/json")) data = await value.clone().json();
    else if (value.body) data = await value.clone().text();
    return { status: value.status, headers: value.headers, data, location: value.headers.get("Location"), response: value };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: ResponseInit | null };
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, data, location: headers.get("Location"), response: null };
  }
  return { status: 200, headers: new Headers(), data: value, location: null, response: null };
}

/** Runs a route's loader (GET) or action (POST) and returns what Remix would send. */
export async function callRoute(route: RouteModule, options: CallOptions): Promise<RouteResult> {
  const method = options.method ?? (options.form ? "POST" : "GET");
  const request = buildRequest({ ...options, method });
  const fn = method === "GET" ? route.loader : route.action;
  if (!fn) throw new Error(`route has no ${method === "GET" ? "loader" : "action"}`);
  try {
    return await toResult(await fn({ request, params: options.params ?? {}, context: {} } as never));
  } catch (thrown) {
    if (thrown instanceof Response) return toResult(thrown);
    if (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit") return toResult(thrown);
    throw thrown;
  }
}

/** A browser's cookie jar in miniature: keeps what Set-Cookie says, sends it back. */
export class CookieJar {
  private cookies = new Map<string, string>();

  constructor(initial?: string) {
    if (initial) this.store(initial);
  }

  store(setCookie: string | null | undefined) {
    if (!setCookie) return;
    for (const cookie of setCookie.split(/,(?=\s*[\w-]+=)/)) {
      const [pair, ...attrs] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Takes the cookies a route result set. */
  take(result: RouteResult) {
    const all = (result.headers as Headers & { getSetCookie?: () => string[] }).getSetCookie?.() ?? [];
    for (const c of all.length ? all : [result.headers.get("Set-Cookie")]) this.store(c);
    return result;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string) {
    return this.cookies.has(name);
  }
}

/** Whether a result says "sign in first". */
export function isSignInRedirect(result: RouteResult): boolean {
  return result.status >= 300 && result.status < 400 && Boolean(result.location?.startsWith("/sign-in"));
}
