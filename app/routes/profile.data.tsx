import type { LoaderFunctionArgs } from "@remix-run/node";
import { collectPersonalData } from "~/modules/accounts/accounts.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { jsonPieces, streamedResponse } from "~/utils/stream.server";

/** Download my data: everything kept about the signed-in person, as a JSON file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  const now = new Date();
  const personalData = collectPersonalData(user.id, now);
  if (!personalData) throw new Response("Not Found", { status: 404 });
  // Written as it is read: a busy resident's years of activity never sit whole in the worker.
  return streamedResponse(jsonPieces(personalData), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="inspraak-my-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
