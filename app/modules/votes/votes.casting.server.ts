// Casting a ballot answered on the fast path in front of Remix (server.js, registerFastRoute): a
// crowd voting at once costs a SQLite transaction per group, not a Remix request each. Only a cast
// that counted is answered here, with exactly the Remix action's redirect (app/routes/votes.$id.tsx);
// anything else (a visitor, a refusal, "recalculate", a malformed form) is left to that action,
// whose answer is the page with its message and the ballot as chosen. A refusal writes nothing,
// so the action running it again gives the same refusal.
import { translator } from "~/i18n";
import { getUserByCookie } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import type { FastRoute } from "~/utils/http.server";
import { can } from "~/utils/permissions";
import { toastCookie } from "~/utils/toast.server";
import { castBallot, receiptPath, receiptToast } from "./votes.ballots.server";
import { voteKind } from "./votes.kind";
import { BallotSchema } from "./votes.schema";

const prefix = `${voteKind.path}/`;

export const castingFastRoute: FastRoute = {
  match(pathname) {
    if (!pathname.startsWith(prefix)) return null;
    const id = pathname.slice(prefix.length);
    return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
  },
  async answer({ id, cookie, form }) {
    const user = await getUserByCookie(cookie);
    if (!user || !can(user, "vote:cast")) return null;
    const parsed = parseForm(form, BallotSchema, translator(user.locale));
    if (!parsed.ok || parsed.data.intent !== "cast") return null;
    // A vote this person may not read is refused by casting (not public, hidden: "not-found"),
    // which leaves it to the Remix route and its 404.
    const result = await castBallot(user, { topicId: id, code: parsed.data.ballotCode, optionIds: parsed.data.option });
    if (!result.ok) return null;
    return { status: 302, location: receiptPath(id), setCookie: await toastCookie(receiptToast(result.code)) };
  },
};
