import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { petitionSignatures } from "~/modules/petitions/petitions.support.server";
import { supportByRequest } from "~/modules/support/support.answer.server";
import { requireId } from "~/utils/forms.server";

/** POST /petitions/:id/sign: a signed-in resident's one-click signature (server.js usually answers it first, on its fast path). */
export async function action({ request, params }: ActionFunctionArgs) {
  return supportByRequest(petitionSignatures, request, requireId(params.id));
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/petitions/${requireId(params.id)}`);
}
