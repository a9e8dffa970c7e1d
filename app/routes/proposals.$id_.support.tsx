import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { proposalSupport } from "~/modules/proposals/proposals.support.server";
import { supportByRequest } from "~/modules/support/support.answer.server";
import { requireId } from "~/utils/forms.server";

/** POST /proposals/:id/support: a resident's one-click support (server.js usually answers it first, on its fast path). */
export async function action({ request, params }: ActionFunctionArgs) {
  return supportByRequest(proposalSupport, request, requireId(params.id));
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/proposals/${requireId(params.id)}`);
}
