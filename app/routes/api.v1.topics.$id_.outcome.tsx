import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerAboutTopic } from "~/modules/api/api.http.server";
import { topicOutcome } from "~/modules/api/api.server";

// GET /api/v1/topics/:id/outcome: what was decided about a public topic, and its next steps.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answerAboutTopic(request, params.id, {}, (id) => {
    const found = topicOutcome(id);
    return found.ok ? { body: { outcomes: found.outcomes, nextSteps: found.nextSteps } } : found;
  });
}
