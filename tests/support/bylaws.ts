// The demo's draft bylaws for route walks: the topics (open, closed) and the pages under them that
// the walk cannot make up (an article, an amendment, a comparison, the closed one's report, the
// unpublished draft and its edit form).
import { and, eq } from "drizzle-orm";
import { bylawAmendments, bylawVersions, topics } from "#db/schema";
import { db } from "~/utils/db.server";

export function demoBylaws(): { ids: number[]; extras: string[] } {
  const pick = (status: string) => db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, "bylaw"), eq(topics.status, status))).get()!.id;
  const open = pick("open");
  const closed = pick("closed");
  const draft = pick("draft");
  const version = db.select({ articles: bylawVersions.articles }).from(bylawVersions).where(eq(bylawVersions.topicId, open)).get()!;
  const amendment = db.select({ id: bylawAmendments.id }).from(bylawAmendments).where(eq(bylawAmendments.topicId, open)).get()!;
  return {
    // The open one walks every page under /bylaws/:id; of the closed one, its page and report.
    ids: [open],
    extras: [`/bylaws/${closed}`, `/bylaws/${closed}/report`, `/bylaws/${open}/articles/${version.articles[0]!.articleId}`, `/bylaws/${open}/amendments/${amendment.id}`, `/bylaws/${open}/versions?from=1&to=3`, `/bylaws/${draft}`, `/bylaws/${draft}/edit`],
  };
}
