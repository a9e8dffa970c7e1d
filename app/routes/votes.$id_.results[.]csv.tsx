import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsv, getResults } from "~/modules/votes/votes.results.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { streamedResponse } from "~/utils/stream.server";

// The counts per option as open data, when the vote's setting shows its results.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results || !results.visible) throw new Response("Not Found", { status: 404 });
  return streamedResponse(resultsCsv(id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="vote-${id}-results.csv"` },
  });
}
