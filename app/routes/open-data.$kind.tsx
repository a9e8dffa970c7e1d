import type { LoaderFunctionArgs } from "@remix-run/node";
import { readOpenDataQuery } from "~/modules/topics/topics.opendata.rules";
import { openDataCsv, openDataPage } from "~/modules/topics/topics.opendata.server";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { requirePermission } from "~/utils/auth.server";
import { getTranslator } from "~/utils/locale.server";
import { problemResponse } from "~/utils/problem.server";
import { streamedResponse } from "~/utils/stream.server";

// GET /open-data/:kind: a kind's public topics as paged JSON (`?after=<id>&limit=<1..1000>`, the
// next page's address in `next`), or `?format=csv` as one CSV written as it is read.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "open-data:read");
  const { t } = await getTranslator(request);
  const kind = params.kind ?? "";
  if (!isRegisteredKind(kind)) return problem(404, t("openData.problem.title"), t("openData.problem.kind"));
  const url = new URL(request.url);
  const read = readOpenDataQuery(url.searchParams);
  if (!read.ok) return problem(400, t("openData.problem.title"), t(read.reason, { param: read.param }), read.param);
  if (read.query.format === "csv") {
    return streamedResponse(openDataCsv(kind), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${kind}.csv"`,
        "Cache-Control": "public, max-age=300",
      },
    });
  }
  const { items, next } = openDataPage(kind, read.query);
  const nextUrl = next === null ? null : `${url.pathname}?after=${next}&limit=${read.query.limit}`;
  return Response.json(
    { kind, items, next: nextUrl },
    { headers: { "Cache-Control": "public, max-age=60", ...(nextUrl ? { Link: `<${nextUrl}>; rel="next"` } : {}) } },
  );
}

function problem(status: number, title: string, detail: string, param?: string) {
  return problemResponse({ status, title, detail, param });
}
