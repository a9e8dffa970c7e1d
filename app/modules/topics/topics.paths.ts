import { kindManifest } from "./topics.kinds";

/** Where a topic's page lives: under its kind's path (its manifest). */
export function topicPath(topic: { id: number; kind: string }): string {
  return `${kindManifest(topic.kind).path}/${topic.id}`;
}
