import type { DB, Tx } from "~/utils/db.server";

/** Whose data an erasure step erases: the account, and what it was known by until it was deleted. */
export interface ErasedPerson {
  userId: string;
  /** Their name, for the mail that names them. */
  displayName: string | null;
  /** Their address, only if it was confirmed (an unconfirmed one may be someone else's). */
  emailCanonical: string | null;
}

/** What one batch did: rows changed, and where the step goes on (null: nothing of the person is left there). */
export interface ErasureBatch {
  rows: number;
  cursor: number | null;
}

/**
 * One part of erasing a deleted account, run by the erasure job in short batches, each in its own
 * transaction: `erase` changes at most `size` rows of what is left, going on from `cursor` (0 at
 * first; its meaning is the step's own), and says where to go on. A batch commits whole or not
 * at all, so a run stopped between batches (a crash, a restart) goes on from the stored cursor and
 * nothing is done twice (a counter lowered, a row anonymised).
 */
export interface ErasureStep {
  name: string;
  erase: (tx: Tx, person: ErasedPerson, cursor: number, size: number) => ErasureBatch;
}

/**
 * What one domain holds about a person: `collect` returns it for download-my-data (JSON),
 * `erasure` removes or anonymises it after the account is deleted (contributions stay, without
 * the person), step by step in the order given.
 */
export interface PersonalDataSource {
  name: string;
  collect: (db: DB, userId: string) => unknown;
  /**
   * What of the person this domain shows to others under a name of its own (not the account's,
   * which goes at once): hidden in the deletion's own transaction, so it must touch few rows.
   */
  hideAtOnce?: (tx: Tx, person: ErasedPerson) => void;
  erasure: readonly ErasureStep[];
}

/** A step that works through what is left (found again each batch), so needs no cursor. */
export function untilNoneLeft(name: string, batch: (tx: Tx, person: ErasedPerson, size: number) => number): ErasureStep {
  return {
    name,
    erase: (tx, person, _cursor, size) => {
      const rows = batch(tx, person, size);
      return { rows, cursor: rows < size ? null : 0 };
    },
  };
}
