import type { LoaderFunctionArgs } from "@remix-run/node";
import { petitionOpenData } from "~/modules/petitions/petitions.queries.server";
import { findPetition, petitionResource } from "~/modules/petitions/petitions.server";
import { requireId } from "~/utils/forms.server";
import { can } from "~/utils/permissions";

/** GET /petitions/:id/data.json: open data without personal data (status, dates, counts per day and neighbourhood). */
export async function loader({ params }: LoaderFunctionArgs) {
  const petition = findPetition(requireId(params.id));
  if (!petition || !can(null, "petition:read", petitionResource(petition))) throw new Response("Not Found", { status: 404 });
  return Response.json(petitionOpenData(petition), {
    headers: { "Cache-Control": "public, max-age=60", "X-Inspraak-Microcache": "10" },
  });
}
