import type { LoaderFunctionArgs } from "@remix-run/node";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { FIGURES, type FigureName } from "~/modules/transparency/transparency.constants";
import { figureCsv } from "~/modules/transparency/transparency.csv.server";
import { parseDashboardFilter } from "~/modules/transparency/transparency.rules";
import { transparencyFigures } from "~/modules/transparency/transparency.server";
import { getUser } from "~/utils/auth.server";
import { localDay } from "~/utils/local-time";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";

// One figure of the dashboard as CSV, for the same period and kind as the page (a resource route:
// a download, not a page). Bad input gets its message as plain text and a 400, never a file of
// another period than the one asked for.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!can(user, "transparency:read")) throw new Response("Forbidden", { status: 403 });
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const figure = url.searchParams.get("figure") ?? "";
  const parsed = parseDashboardFilter(url.searchParams, { today: localDay(new Date()), kinds: registeredKinds().map((k) => k.kind) });
  const problems = [...(FIGURES.includes(figure as FigureName) ? [] : [t("dashboard.error.figure")]), ...(parsed.ok ? [] : Object.values(parsed.errors).map((key) => t(key)))];
  if (problems.length > 0) {
    return new Response(problems.join("\n") + "\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { from, to, kind } = parsed.filter;
  const name = `transparency-${figure}-${from}-${to}${kind ? `-${kind}` : ""}.csv`;
  return new Response(figureCsv(transparencyFigures(parsed.filter), figure as FigureName), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "public, max-age=300" },
  });
}
