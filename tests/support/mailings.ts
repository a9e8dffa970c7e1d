import { sendSupporterMailings } from "~/modules/support/support.mailings.server";

/**
 * One run of the mailing job without its time budget: the 2 s budget shares the jobs process with
 * other work, and on a loaded machine it would stop a run early, which these tests do not test.
 */
export const sendSignerMailings = () => sendSupporterMailings(new Date(), Number.POSITIVE_INFINITY);
