import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, requireApiRead } from "~/modules/api/api.http.server";
import { readApiQuery, readPathId } from "~/modules/api/api.rules";
import { MEETINGS_SCOPE, readMeeting, versionsOf } from "~/modules/api/api.server";
import { registeredKinds } from "~/modules/topics/topics.kinds";

// GET /api/v1/meetings/:meeting: a public meeting and its agenda; a closed one is not found.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireApiRead();
  const id = readPathId(params.meeting, "meeting");
  if (!id.ok) return apiProblem(request, 400, id);
  const read = readApiQuery(new URL(request.url).searchParams, {});
  if (!read.ok) return apiProblem(request, 400, read);
  // The agenda shows its topics' titles: any kind's change may change it.
  return answerJson(request, versionsOf([MEETINGS_SCOPE, ...registeredKinds().map((k) => k.kind)]), () => {
    const found = readMeeting(id.value);
    return found.ok ? { body: found.meeting } : found;
  });
}
