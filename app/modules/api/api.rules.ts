// What a request to the open API may ask, and how its answers are validated: query parameters are
// read strictly (an unknown, repeated, wrongly typed or out-of-range one is refused with its name,
// never guessed at), page cursors are opaque and checked, and an ETag is a hash of the change
// counters the answer depends on. Pure: no database, no request.
import crypto from "node:crypto";
import type { MessageKey } from "~/i18n";
import { API_MAX_LIMIT, API_REVISION } from "./api.constants";

export { API_DEFAULT_LIMIT, API_MAX_AGE, API_MAX_LIMIT } from "./api.constants";

export type ApiRefusal = { ok: false; param: string; reason: MessageKey };

/** One parameter's reader: its value, or a refusal naming it. */
export type ParamReader<T> = (raw: string, param: string) => { ok: true; value: T } | ApiRefusal;

const WHOLE = /^[0-9]{1,15}$/;

export const readLimit: ParamReader<number> = (raw, param) =>
  WHOLE.test(raw) && Number(raw) >= 1 && Number(raw) <= API_MAX_LIMIT ? { ok: true, value: Number(raw) } : { ok: false, param, reason: "api.problem.limit" };

/** A status word as kinds write them ("open", "awaiting-response"): lower-case letters and dashes. */
export const readStatus: ParamReader<string> = (raw, param) =>
  /^[a-z][a-z-]{0,39}$/.test(raw) ? { ok: true, value: raw } : { ok: false, param, reason: "api.problem.status" };

/** A kind the platform runs; anything else is refused (the list of kinds is in the OpenAPI description). */
export function kindReader(kinds: readonly string[]): ParamReader<string> {
  return (raw, param) => (kinds.includes(raw) ? { ok: true, value: raw } : { ok: false, param, reason: "api.problem.kind" });
}

/** A cursor a list gave out, for the list it came from, with a key of the list's shape. */
export function cursorReader(list: string, shape: readonly ("number" | "string")[]): ParamReader<readonly (number | string)[]> {
  return (raw, param) => {
    const key = decodeCursor(list, raw);
    const fits = key !== null && key.length === shape.length && key.every((v, i) => (shape[i] === "number" ? typeof v === "number" && Number.isSafeInteger(v) : typeof v === "string" && v.length <= 200));
    return fits ? { ok: true, value: key } : { ok: false, param, reason: "api.problem.cursor" };
  };
}

/**
 * Reads a query string against the parameters a path takes: each at most once, each through its
 * reader. Returns the values read (absent ones left out) or the first refusal.
 */
export function readApiQuery<Spec extends Record<string, ParamReader<unknown>>>(
  params: URLSearchParams,
  spec: Spec,
): { ok: true; query: { [K in keyof Spec]?: Spec[K] extends ParamReader<infer T> ? T : never } } | ApiRefusal {
  const seen = new Set<string>();
  const query: Record<string, unknown> = {};
  for (const [key, raw] of params) {
    if (!Object.hasOwn(spec, key)) return { ok: false, param: key, reason: "api.problem.unknownParam" };
    if (seen.has(key)) return { ok: false, param: key, reason: "api.problem.repeated" };
    seen.add(key);
    const read = spec[key]!(raw, key);
    if (!read.ok) return read;
    query[key] = read.value;
  }
  return { ok: true, query: query as { [K in keyof Spec]?: Spec[K] extends ParamReader<infer T> ? T : never } };
}

/** A topic's or meeting's id in a path: a whole number from 1; anything else is refused as `param`. */
export function readPathId(raw: string | undefined, param: string): { ok: true; value: number } | ApiRefusal {
  return raw !== undefined && /^[1-9][0-9]{0,14}$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, param, reason: "api.problem.id" };
}

/**
 * A page cursor: the key of the last row of a page and the list it belongs to, as base64url JSON.
 * Opaque to clients (the format may change), and refused on another list.
 */
export function encodeCursor(list: string, key: readonly (number | string)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), "utf8").toString("base64url");
}

function decodeCursor(list: string, raw: string): (number | string)[] | null {
  if (raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value[0] !== list) return null;
  return value.slice(1) as (number | string)[];
}

/**
 * A weak ETag for an answer: the API's revision, the path and query it answers and the change
 * counters of everything it shows. Weak, because a compressed and an uncompressed body are the
 * same answer.
 */
export function etagOf(request: string, versions: readonly (readonly [string, number])[]): string {
  const hash = crypto.createHash("sha256").update(JSON.stringify([API_REVISION, request, versions])).digest("base64url").slice(0, 27);
  return `W/"${hash}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2), or is "*". */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const ours = opaque(etag);
  return header.split(",").some((tag) => opaque(tag) === ours);
}
