import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerAboutTopic } from "~/modules/api/api.http.server";
import { readTopic } from "~/modules/api/api.server";

// GET /api/v1/topics/:id: one public topic; one that is hidden or unpublished is not found.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answerAboutTopic(request, params.id, {}, (id) => {
    const found = readTopic(id);
    return found.ok ? { body: found.topic } : found;
  });
}
