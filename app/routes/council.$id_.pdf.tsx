import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDossier } from "~/modules/council/council.briefing.server";
import { renderDossierPdf } from "~/modules/council/council.pdf.server";
import { kindLabels } from "~/modules/council/council.words";
import { requireUserWithPermission } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { getLocale } from "~/utils/locale.server";
import { can } from "~/utils/permissions";

/** The dossier as a PDF download (a resource route: no page around it), for councillors and clerks. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:brief");
  const dossier = loadDossier(requireId(params.id), { id: user.id, mayReadInternal: can(user, "council:read-internal") });
  // The one read rule: a draft or a hidden topic is no one's dossier but its author's and staff's.
  if (!dossier || !can(user, "topic:read", dossier.topic)) throw new Response("Not Found", { status: 404 });
  const pdf = await renderDossierPdf(dossier, await getLocale(request), kindLabels()[dossier.topic.kind]);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="dossier-${dossier.topic.id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
