import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signByResident } from "~/modules/petitions/petitions.hot-path.server";
import { requireId } from "~/utils/forms.server";

/** POST /petitions/:id/sign: a signed-in resident's one-click signature (server.js usually answers it first). */
export async function action({ request, params }: ActionFunctionArgs) {
  return signByResident(request, requireId(params.id));
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/petitions/${requireId(params.id)}`);
}
