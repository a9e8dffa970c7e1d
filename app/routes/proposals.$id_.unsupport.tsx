import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { proposalSupport } from "~/modules/proposals/proposals.support.server";
import { withdrawalByRequest } from "~/modules/support/support.answer.server";
import { requireId } from "~/utils/forms.server";

/** POST /proposals/:id/unsupport: taking one's support back while the proposal collects. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withdrawalByRequest(proposalSupport, request, requireId(params.id));
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/proposals/${requireId(params.id)}`);
}
