import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, nextPageHref, requireApiRead } from "~/modules/api/api.http.server";
import { API_DEFAULT_LIMIT, cursorReader, encodeCursor, readApiQuery, readLimit } from "~/modules/api/api.rules";
import { listMeetings, MEETINGS_SCOPE, versionsOf } from "~/modules/api/api.server";

// GET /api/v1/meetings?limit=&cursor=: the public meetings of the council and its committees, by start.
export async function loader({ request }: LoaderFunctionArgs) {
  requireApiRead();
  const url = new URL(request.url);
  const read = readApiQuery(url.searchParams, { limit: readLimit, cursor: cursorReader("meetings", ["number", "number"]) });
  if (!read.ok) return apiProblem(request, 400, read);
  const { limit = API_DEFAULT_LIMIT, cursor } = read.query;
  return answerJson(request, versionsOf([MEETINGS_SCOPE]), () => {
    const page = listMeetings({ after: cursor ? [Number(cursor[0]), Number(cursor[1])] : null, limit });
    const next = nextPageHref(url, page.next === null ? null : encodeCursor("meetings", page.next));
    return { body: { items: page.items, next }, link: next };
  });
}
