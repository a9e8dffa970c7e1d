import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSetting } from "~/modules/settings/settings.server";
import { budgetPabulib, getResults } from "~/modules/votes/votes.results.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";

// A closed participatory budget in the research standard (pabulib.org): the voter ids are the
// published ballot codes, never accounts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results || !results.visible || results.phase !== "closed") throw new Response("Not Found", { status: 404 });
  const file = budgetPabulib(id, getSetting("municipalityName") ?? "");
  if (file === null) throw new Response("Not Found", { status: 404 });
  return new Response(file, { headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename="vote-${id}.pb"` } });
}
