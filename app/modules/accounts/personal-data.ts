import type { DB, Tx } from "~/utils/db.server";

/**
 * What one domain holds about a person: `collect` returns it for download-my-data (JSON),
 * `erase` removes or anonymises it when the account is deleted (contributions stay, without
 * the person), inside the deletion's transaction.
 */
export interface PersonalDataSource {
  name: string;
  collect: (db: DB, userId: string) => unknown;
  erase: (tx: Tx, userId: string) => void;
}
