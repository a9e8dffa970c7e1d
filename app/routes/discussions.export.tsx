import type { LoaderFunctionArgs } from "@remix-run/node";
import { discussionsCsv, exportDiscussions } from "~/modules/discussions/discussions.server";
import { requirePermission } from "~/utils/auth.server";
import { jsonPieces, LazyList, streamedResponse } from "~/utils/stream.server";

// Open data: public, visible discussions with their counts; no names, no comment text. Written as
// it is read, a page at a time: a city's years of discussions never sit whole in a worker.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "discussion:export");
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
  if (format === "json") {
    return streamedResponse(jsonPieces({ discussions: new LazyList(exportDiscussions) }), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="discussions.json"' },
    });
  }
  return streamedResponse(discussionsCsv(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="discussions.csv"' },
  });
}
