import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, nextPageHref, requireApiRead } from "~/modules/api/api.http.server";
import { API_DEFAULT_LIMIT, cursorReader, encodeCursor, kindReader, readApiQuery, readLimit, readStatus } from "~/modules/api/api.rules";
import { listTopics, versionsOf } from "~/modules/api/api.server";
import { registeredKinds } from "~/modules/topics/topics.kinds";

// GET /api/v1/topics?kind=&status=&limit=&cursor=: public topics of every kind, by id.
export async function loader({ request }: LoaderFunctionArgs) {
  requireApiRead();
  const url = new URL(request.url);
  const read = readApiQuery(url.searchParams, {
    kind: kindReader(registeredKinds().map((k) => k.kind)),
    status: readStatus,
    limit: readLimit,
    cursor: cursorReader("topics", ["number"]),
  });
  if (!read.ok) return apiProblem(request, 400, read);
  const { kind, status, limit = API_DEFAULT_LIMIT, cursor } = read.query;
  return answerJson(request, versionsOf(kind === undefined ? undefined : [kind]), () => {
    const page = listTopics({ kind, status }, { after: Number(cursor?.[0] ?? 0), limit });
    const next = nextPageHref(url, page.next === null ? null : encodeCursor("topics", [page.next]));
    return { body: { items: page.items, next }, link: next };
  });
}
