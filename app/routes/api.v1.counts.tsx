import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, requireApiRead } from "~/modules/api/api.http.server";
import { readApiQuery } from "~/modules/api/api.rules";
import { countTopics, versionsOf } from "~/modules/api/api.server";

// GET /api/v1/counts: how many public topics each kind has in each status.
export async function loader({ request }: LoaderFunctionArgs) {
  requireApiRead();
  const read = readApiQuery(new URL(request.url).searchParams, {});
  if (!read.ok) return apiProblem(request, 400, read);
  return answerJson(request, versionsOf(), () => {
    const items = countTopics();
    return { body: { items, total: items.reduce((sum, c) => sum + c.count, 0) } };
  });
}
