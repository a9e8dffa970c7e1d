// The guard of every route under /topics/:id (comments, flag, follow): the topic, or a 404 for anyone
// who may not read it (answered like a missing one, so nobody can tell them apart). Taking part
// needs a published topic: an unpublished one has no thread, even for its author.
import type { SessionUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { findTopic } from "./topics.server";

export function readableTopicOr404(id: string | undefined, viewer: SessionUser | null) {
  const topic = findTopic(requireId(id));
  if (!topic || !topic.isPublic || !can(viewer, "topic:read", topic)) throw new Response("Not Found", { status: 404 });
  return topic;
}
