import type { LoaderFunctionArgs } from "@remix-run/node";
import { petitionOpenDataCsv } from "~/modules/petitions/petitions.queries.server";
import { findPetition, petitionResource } from "~/modules/petitions/petitions.server";
import { requireId } from "~/utils/forms.server";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";

/** GET /petitions/:id/data.csv: the same open data as a spreadsheet, formula-safe. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const petition = findPetition(requireId(params.id));
  if (!petition || !can(null, "petition:read", petitionResource(petition))) throw new Response("Not Found", { status: 404 });
  const { t } = await getTranslator(request);
  const csv = petitionOpenDataCsv(petition, { outside: t("petition.neighbourhoods.outside") });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="petition-${petition.id}.csv"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
