// Shared set-up for the discussion tests: people as actors, topics of any kind, counting rows.
import { and, eq, isNull, sql } from "drizzle-orm";
import { comments, topics, type TopicKind } from "#db/schema";
import { findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { insertTopic } from "~/modules/topics/topics.server";
import { createDiscussion } from "~/modules/discussions/discussions.server";
import { postComment } from "~/modules/participation/comments.server";
import { createPerson, type TestPerson } from "../../support/fixtures";

export function actorOf(person: TestPerson) {
  const user = findSessionUser(person.id);
  if (!user) throw new Error("no such person");
  return user;
}

export async function newDiscussion(author?: TestPerson, title = "Hoe houden we de binnenstad groen?") {
  const who = author ?? (await createPerson());
  const result = createDiscussion(actorOf(who), { title, body: "Wat vindt u?" });
  if (!result.ok) throw new Error(result.reason);
  return { topicId: result.topicId, author: who };
}

/** A public topic of another kind, as the petitions module would make it. */
export function newTopic(kind: TopicKind, authorId: string | null = null, title = "Een onderwerp van een andere soort") {
  return db.transaction((tx) => insertTopic(tx, { kind, title, body: "Tekst", authorId, status: "open", isPublic: true }));
}

export function comment(person: TestPerson, topicId: number, body = "Een reactie", parentId?: number) {
  const result = postComment(actorOf(person), { topicId, body, parentId: parentId ?? null });
  if (!result.ok) throw new Error(result.reason);
  return result.commentId;
}

export function topicRow(topicId: number) {
  return db.select().from(topics).where(eq(topics.id, topicId)).get()!;
}

export function commentRow(commentId: number) {
  return db.select().from(comments).where(eq(comments.id, commentId)).get();
}

export function visibleCommentRows(topicId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(comments)
      .where(and(eq(comments.topicId, topicId), isNull(comments.hiddenBy), isNull(comments.deletedAt)))
      .get()?.n ?? 0
  );
}
