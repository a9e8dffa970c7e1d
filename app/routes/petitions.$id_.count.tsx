import type { LoaderFunctionArgs } from "@remix-run/node";
import { petitionCount } from "~/modules/petitions/petitions.queries.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { can } from "~/utils/permissions";

/** GET /petitions/:id/count: the live count as small JSON, cached for anonymous visitors like the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = petitionCount(requireId(params.id));
  const user = await getUser(request);
  if (!row || !can(user, "petition:read", row)) throw new Response("Not Found", { status: 404 });
  const headers: Record<string, string> = { "Cache-Control": "no-cache" };
  if (!user) headers["X-Inspraak-Microcache"] = "2";
  return Response.json({ id: row.id, count: row.count, status: row.status, updatedAt: row.updatedAt.toISOString() }, { headers });
}
