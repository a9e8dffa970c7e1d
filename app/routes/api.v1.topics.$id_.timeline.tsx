import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerAboutTopic, nextPageHref } from "~/modules/api/api.http.server";
import { API_DEFAULT_LIMIT, cursorReader, encodeCursor, readLimit } from "~/modules/api/api.rules";
import { topicTimelinePage } from "~/modules/api/api.server";

// GET /api/v1/topics/:id/timeline?limit=&cursor=: a public topic's public events, oldest first.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answerAboutTopic(request, params.id, { limit: readLimit, cursor: cursorReader("timeline", ["number", "number"]) }, (id, query, url) => {
    const { limit = API_DEFAULT_LIMIT, cursor } = query;
    const page = topicTimelinePage(id, { after: cursor ? [Number(cursor[0]), Number(cursor[1])] : null, limit });
    if (!page.ok) return page;
    const next = nextPageHref(url, page.next === null ? null : encodeCursor("timeline", page.next));
    return { body: { items: page.items, next }, link: next };
  });
}
