import { agendaItems, meetings } from "#db/schema";
import { db } from "~/utils/db.server";

const DAY = 86_400_000;

/**
 * A council meeting held yesterday with the topic on its agenda, as it stands when a clerk records
 * what the council decided (a meeting that has begun takes no new items, so it is written directly).
 */
export function meetingHeldYesterdayWith(topicId: number): { meetingId: number; itemId: number } {
  const meetingId = db.insert(meetings).values({ body: "council", title: "Raadsvergadering", startsAt: new Date(Date.now() - DAY), place: "Raadzaal", isPublic: true, createdAt: new Date(Date.now() - 9 * DAY) }).returning({ id: meetings.id }).get().id;
  const itemId = db.insert(agendaItems).values({ meetingId, position: 1, topicId, createdAt: new Date(Date.now() - 5 * DAY) }).returning({ id: agendaItems.id }).get().id;
  return { meetingId, itemId };
}
