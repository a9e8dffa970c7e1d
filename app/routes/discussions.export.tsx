import type { LoaderFunctionArgs } from "@remix-run/node";
import { discussionsCsv, exportDiscussions } from "~/modules/discussions/discussions.server";
import { requirePermission } from "~/utils/auth.server";

// Open data: public, visible discussions with their counts; no names, no comment text.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "discussion:export");
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
  if (format === "json") {
    return new Response(JSON.stringify({ discussions: exportDiscussions() }, null, 2), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="discussions.json"' },
    });
  }
  return new Response(discussionsCsv(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="discussions.csv"' },
  });
}
