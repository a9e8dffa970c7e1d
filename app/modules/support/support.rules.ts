// Pure rules of support, the same for every kind: when a count reaches a threshold.

/** One threshold of a subject: the count it asks for (null: none set) and whether it was reached before. */
export interface SupportThreshold<Name extends string = string> {
  name: Name;
  at: number | null;
  reached: boolean;
}

/**
 * The thresholds a new count reaches for the first time, in the subject's order (one support can
 * reach two at once). A threshold is reached once: a withdrawal that takes the count back below it
 * and a later support that passes it again do not reach it again.
 */
export function newlyReached<Name extends string>(thresholds: ReadonlyArray<SupportThreshold<Name>>, count: number): Name[] {
  return thresholds.filter((t) => t.at !== null && t.at > 0 && !t.reached && count >= t.at).map((t) => t.name);
}
