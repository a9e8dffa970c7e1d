// The guard of every route under /topics/:id: the topic, or a 404 for anyone who may not read it
// (a hidden or unpublished topic is answered like a missing one, so nobody can tell them apart).
import type { SessionUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import { findTopic } from "./topics.server";

export function readableTopicOr404(id: string | undefined, viewer: SessionUser | null) {
  const topic = findTopic(requireId(id));
  if (!topic || !can(viewer, "topic:read", topic)) throw new Response("Not Found", { status: 404 });
  return topic;
}
