import type { LoaderFunctionArgs } from "@remix-run/node";
import { collectPersonalData } from "~/modules/accounts/accounts.server";
import { requireUserWithPermission } from "~/utils/auth.server";

/** Download my data: everything kept about the signed-in person, as a JSON file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  const now = new Date();
  const personalData = collectPersonalData(user.id, now);
  if (!personalData) throw new Response("Not Found", { status: 404 });
  return new Response(JSON.stringify(personalData, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="inspraak-my-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
