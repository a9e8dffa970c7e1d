// The open API's fixed numbers; client-safe (its documentation page shows them).

/** The pages of every list: `limit` rows at most, this many when it is not given. */
export const API_MAX_LIMIT = 200;
export const API_DEFAULT_LIMIT = 50;
/** How long a client or shared cache may reuse an answer without asking again (seconds). */
export const API_MAX_AGE = 60;
/**
 * The shape of the answers: part of every ETag, so a release that changes what an answer holds
 * never has a client keep an old body.
 */
export const API_REVISION = "1";
