// Enum-like lists of the participations schema: plain data, safe to import in browser code (no drizzle).

/**
 * The ways a person takes part in a topic, each one bit of `participations.ways`. The words are the
 * core's, not a kind's: a kind says how it calls its support ("signed") in its manifest. "stance":
 * supported or opposed a part of the topic (support.stances.server.ts), apart from supporting the
 * topic itself. New ways go at the end: a way's bit is its place.
 */
export const PARTICIPATION_WAYS = ["followed", "commented", "supported", "voted", "amended", "stance"] as const;
export type ParticipationWay = (typeof PARTICIPATION_WAYS)[number];

/** The bit of a way in `participations.ways`. */
export function wayBit(way: ParticipationWay): number {
  return 1 << PARTICIPATION_WAYS.indexOf(way);
}

/** The ways a `ways` value holds, in catalogue order. */
export function waysOf(bits: number): ParticipationWay[] {
  return PARTICIPATION_WAYS.filter((way) => (bits & wayBit(way)) !== 0);
}
