// What a request for open data may ask: a format, and for the paged JSON a cursor and a page size.
// Anything else is refused with the parameter it is about, never guessed at.
import type { MessageKey } from "~/i18n";
import { OPEN_DATA_DEFAULT_LIMIT, OPEN_DATA_MAX_LIMIT } from "./topics.opendata.constants";

export type OpenDataQuery = { format: "json"; after: number; limit: number } | { format: "csv" };

export type OpenDataQueryResult = { ok: true; query: OpenDataQuery } | { ok: false; param: string; reason: MessageKey };

const WHOLE = /^[0-9]{1,15}$/;

export function readOpenDataQuery(params: URLSearchParams): OpenDataQueryResult {
  const known = new Set(["format", "after", "limit"]);
  for (const key of params.keys()) if (!known.has(key)) return { ok: false, param: key, reason: "openData.problem.unknownParam" };
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") return { ok: false, param: "format", reason: "openData.problem.format" };
  if (format === "csv") {
    // The CSV is the whole list at once: a cursor has no meaning there.
    for (const key of ["after", "limit"]) if (params.has(key)) return { ok: false, param: key, reason: "openData.problem.csvWhole" };
    return { ok: true, query: { format } };
  }
  const after = params.get("after");
  if (after !== null && !WHOLE.test(after)) return { ok: false, param: "after", reason: "openData.problem.after" };
  const limit = params.get("limit");
  if (limit !== null && (!WHOLE.test(limit) || Number(limit) < 1 || Number(limit) > OPEN_DATA_MAX_LIMIT)) {
    return { ok: false, param: "limit", reason: "openData.problem.limit" };
  }
  return { ok: true, query: { format, after: after === null ? 0 : Number(after), limit: limit === null ? OPEN_DATA_DEFAULT_LIMIT : Number(limit) } };
}
