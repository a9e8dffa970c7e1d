// How the open API answers over HTTP: JSON with an ETag made of change counters, a 304 without
// building the body when the client already has it, a short public cache lifetime, CORS for reading
// from any site, and refusals as RFC 9457 problem details in the client's language.
//
// The API is anonymous: it never reads the session (a signed-in person gets exactly what a visitor
// gets), which is what makes `public` caching and `Access-Control-Allow-Origin: *` safe. Browsers
// send no cookies with a `*` CORS request, and an answer that does not depend on who asks leaks
// nothing to the site that reads it.
import { translator, type Locale } from "~/i18n";
import { env } from "~/utils/env.server";
import { can } from "~/utils/permissions";
import { localeFromAcceptLanguage, readLocaleCookie } from "~/utils/locale.server";
import { siteSettings } from "~/utils/site.server";
import { problemResponse } from "~/utils/problem.server";
import { API_MAX_AGE, etagOf, matchesIfNoneMatch, readApiQuery, readPathId, type ApiRefusal, type ParamReader } from "./api.rules";
import { readableTopicKind, versionsOf, type NotFound, type Versions } from "./api.server";

/** The headers of every successful answer and of a 304 alike (RFC 9110 15.4.5: a 304 repeats them). */
function cachingHeaders(etag: string): Record<string, string> {
  return {
    ETag: etag,
    "Cache-Control": `public, max-age=${API_MAX_AGE}`,
    "Access-Control-Allow-Origin": "*",
    // A script on another site may read the validator and the next page's address.
    "Access-Control-Expose-Headers": "ETag, Link",
  };
}

/**
 * Answers a GET: 304 when If-None-Match names the ETag of these versions (the body is never built),
 * else the JSON `build` makes, or the problem it refuses with.
 */
export function answerJson(
  request: Request,
  versions: Versions,
  build: () => { body: unknown; link?: string | null } | NotFound,
): Response {
  const url = new URL(request.url);
  const etag = etagOf(url.pathname + url.search, versions);
  if (matchesIfNoneMatch(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers: cachingHeaders(etag) });
  const built = build();
  if ("ok" in built && built.ok === false) return apiProblem(request, 404, built);
  const { body, link } = built as { body: unknown; link?: string | null };
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...cachingHeaders(etag), ...(link ? { Link: `<${link}>; rel="next"` } : {}) },
  });
}

/** The client's language for a problem's words: the lang cookie, Accept-Language, the municipality's default. Never the session. */
function apiLocale(request: Request): Locale {
  return readLocaleCookie(request.headers.get("Cookie")) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? siteSettings().defaultLocale() ?? env().DEFAULT_LOCALE;
}

/** A refusal as problem details, naming the parameter it is about; not cached (its words follow the client's language). */
export function apiProblem(request: Request, status: 400 | 404, refusal: ApiRefusal | NotFound | { reason: "api.problem.notFound" }): Response {
  const t = translator(apiLocale(request));
  const param = "param" in refusal ? refusal.param : undefined;
  return problemResponse({
    status,
    title: t(status === 404 ? "api.problem.notFoundTitle" : "api.problem.title"),
    detail: t(refusal.reason, { param: param ?? "" }),
    param,
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", Vary: "Accept-Language, Cookie" },
  });
}

/** Every answer of the API is open data: what a visitor may read, checked as a visitor (never the session). */
export function requireApiRead(): void {
  if (!can(null, "open-data:read")) throw new Response("Forbidden", { status: 403 });
}

/** The next page's address: the same path and parameters, with the cursor of where it starts. */
export function nextPageHref(url: URL, cursor: string | null): string | null {
  if (cursor === null) return null;
  const params = new URLSearchParams(url.searchParams);
  params.set("cursor", cursor);
  return `${url.pathname}?${params.toString()}`;
}

/**
 * An answer about one public topic (`/topics/:id/...`): the id and the query parameters checked
 * (400 naming the parameter), a topic a visitor may not read not found (404), then `build` for the
 * topic under the ETag of its kind's change counters.
 */
export function answerAboutTopic<Spec extends Record<string, ParamReader<unknown>>>(
  request: Request,
  rawId: string | undefined,
  spec: Spec,
  build: (id: number, query: { [K in keyof Spec]?: Spec[K] extends ParamReader<infer T> ? T : never }, url: URL) => { body: unknown; link?: string | null } | NotFound,
): Response {
  requireApiRead();
  const id = readPathId(rawId, "id");
  if (!id.ok) return apiProblem(request, 400, id);
  const url = new URL(request.url);
  const read = readApiQuery(url.searchParams, spec);
  if (!read.ok) return apiProblem(request, 400, read);
  const kind = readableTopicKind(id.value);
  if (kind === null) return apiProblem(request, 404, { reason: "api.problem.notFound" });
  return answerJson(request, versionsOf([kind]), () => build(id.value, read.query, url));
}
