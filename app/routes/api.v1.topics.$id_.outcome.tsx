import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, requireApiRead } from "~/modules/api/api.http.server";
import { readApiQuery, readPathId } from "~/modules/api/api.rules";
import { readableTopicKind, topicOutcome, versionsOf } from "~/modules/api/api.server";

// GET /api/v1/topics/:id/outcome: what was decided about a public topic, and its next steps.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireApiRead();
  const id = readPathId(params.id, "id");
  if (!id.ok) return apiProblem(request, 400, id);
  const read = readApiQuery(new URL(request.url).searchParams, {});
  if (!read.ok) return apiProblem(request, 400, read);
  const kind = readableTopicKind(id.value);
  if (kind === null) return apiProblem(request, 404, { reason: "api.problem.notFound" });
  return answerJson(request, versionsOf([kind]), () => {
    const found = topicOutcome(id.value);
    return found.ok ? { body: { outcomes: found.outcomes, nextSteps: found.nextSteps } } : found;
  });
}
