import type { TopicKind } from "#db/schema/topics.constants";

const BASE: Record<TopicKind, string> = {
  petition: "/petitions",
  proposal: "/proposals",
  bylaw: "/bylaws",
  vote: "/votes",
  discussion: "/discussions",
};

/** Where a topic's page lives. */
export function topicPath(topic: { id: number; kind: TopicKind }): string {
  return `${BASE[topic.kind]}/${topic.id}`;
}
