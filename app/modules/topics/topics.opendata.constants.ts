/** The largest page the open-data JSON list gives at once, and its default. */
export const OPEN_DATA_MAX_LIMIT = 1_000;
export const OPEN_DATA_DEFAULT_LIMIT = 100;
