import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProblem, requireApiRead } from "~/modules/api/api.http.server";

// Any other address under /api/v1: a problem answer, not the site's HTML page.
export async function loader({ request }: LoaderFunctionArgs) {
  requireApiRead();
  return apiProblem(request, 404, { reason: "api.problem.notFound" });
}
