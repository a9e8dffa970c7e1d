import type { LoaderFunctionArgs } from "@remix-run/node";
import { ballotListCsv, getResults } from "~/modules/votes/votes.results.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { streamedResponse } from "~/utils/stream.server";

// The published list of ballot codes with their content: only after closing (docs/decisions/005).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results || !results.visible || !results.ballotList) throw new Response("Not Found", { status: 404 });
  return streamedResponse(ballotListCsv(id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="vote-${id}-ballots.csv"` },
  });
}
