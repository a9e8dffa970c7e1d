import type { LoaderFunctionArgs } from "@remix-run/node";
import { getResults, resultsJson } from "~/modules/votes/votes.results.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";

// The results as JSON open data, when the vote's setting shows its results (as the page and the CSV).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results || !results.visible) throw new Response("Not Found", { status: 404 });
  return Response.json(resultsJson(results), {
    headers: { "Content-Disposition": `attachment; filename="vote-${id}-results.json"`, "Cache-Control": "no-store" },
  });
}
