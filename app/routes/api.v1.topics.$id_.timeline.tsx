import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, nextPageHref, requireApiRead } from "~/modules/api/api.http.server";
import { API_DEFAULT_LIMIT, cursorReader, encodeCursor, readApiQuery, readLimit, readPathId } from "~/modules/api/api.rules";
import { readableTopicKind, topicTimelinePage, versionsOf } from "~/modules/api/api.server";

// GET /api/v1/topics/:id/timeline?limit=&cursor=: a public topic's public events, oldest first.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireApiRead();
  const id = readPathId(params.id, "id");
  if (!id.ok) return apiProblem(request, 400, id);
  const url = new URL(request.url);
  const read = readApiQuery(url.searchParams, { limit: readLimit, cursor: cursorReader("timeline", ["number", "number"]) });
  if (!read.ok) return apiProblem(request, 400, read);
  const kind = readableTopicKind(id.value);
  if (kind === null) return apiProblem(request, 404, { reason: "api.problem.notFound" });
  const { limit = API_DEFAULT_LIMIT, cursor } = read.query;
  return answerJson(request, versionsOf([kind]), () => {
    const page = topicTimelinePage(id.value, { after: cursor ? [Number(cursor[0]), Number(cursor[1])] : null, limit });
    if (!page.ok) return page;
    const next = nextPageHref(url, page.next === null ? null : encodeCursor("timeline", page.next));
    return { body: { items: page.items, next }, link: next };
  });
}
