import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, requireApiRead } from "~/modules/api/api.http.server";
import { readApiQuery, readPathId } from "~/modules/api/api.rules";
import { readableTopicKind, readTopic, versionsOf } from "~/modules/api/api.server";

// GET /api/v1/topics/:id: one public topic; one that is hidden or unpublished is not found.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireApiRead();
  const id = readPathId(params.id, "id");
  if (!id.ok) return apiProblem(request, 400, id);
  const read = readApiQuery(new URL(request.url).searchParams, {});
  if (!read.ok) return apiProblem(request, 400, read);
  const kind = readableTopicKind(id.value);
  if (kind === null) return apiProblem(request, 404, { reason: "api.problem.notFound" });
  return answerJson(request, versionsOf([kind]), () => {
    const found = readTopic(id.value);
    return found.ok ? { body: found.topic } : found;
  });
}
