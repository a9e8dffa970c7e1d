import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FollowButton, OutcomeBlock, Timeline } from "~/components/topic";
import { Alert, ButtonGroup, ButtonLink, DataList, Heading, Link, Paragraph, RichText, StatusBadge } from "~/components/ui";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { CommentSection, commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { BallotForm } from "~/modules/votes/components/BallotForm";
import { euros } from "~/modules/votes/components/money";
import { BALLOT_REFUSAL_MESSAGES, castBallot, newBallotCode, receiptPath, receiptToast } from "~/modules/votes/votes.ballots.server";
import { voteKind } from "~/modules/votes/votes.kind";
import { BallotSchema } from "~/modules/votes/votes.schema";
import { findVote, getVote } from "~/modules/votes/votes.server";
import { db } from "~/utils/db.server";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle, topicTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["comment", "vote", "moderation", "outcome", "timeline", "eligibility"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }, ...commentSectionLinks()];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const user = await getUser(request);
  const vote = getVote(id, user);
  if (!vote) throw new Response("Not Found", { status: 404 });
  const thread = loadCommentThread(id, user, new URL(request.url).searchParams);
  const mayCast = Boolean(user) && can(user, "vote:cast") && vote.phase === "open" && !vote.votedOn;
  // The ballot's code is made here, with the form, and never stored with the person (docs/decisions/005).
  return { vote, thread, signedIn: Boolean(user), ballotCode: mayCast ? newBallotCode() : null, canFollow: Boolean(user) && can(user, "topic:follow", { ...vote, isPublic: true, authorId: null }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUserWithPermission(request, "vote:cast");
  // The read rule only: the page's own data (timeline, options, outcome) is not needed to cast.
  const vote = findVote(db, id);
  if (!vote || !can(user, "vote:read", { ...vote, kind: "vote" })) throw new Response("Not Found", { status: 404 });
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, BallotSchema, t);
  if (!parsed.ok) return data({ ok: false as const, error: Object.values(parsed.errors)[0] ?? t("form.invalid"), chosen: [] as number[], ballotCode: null }, { status: 400 });
  const { intent, ballotCode, option } = parsed.data;
  // Adding up again changes nothing: the page comes back with the same choices and code, and its total.
  if (intent === "recalculate") return { ok: true as const, error: undefined, chosen: option, ballotCode };
  const result = await castBallot(user, { topicId: id, code: ballotCode, optionIds: option });
  if (!result.ok) {
    const status = result.reason === "not-found" ? 404 : ["email-not-confirmed", "not-verified-resident", "no-postcode", "outside-municipality", "outside-neighbourhood", "age-unknown", "too-young", "blocked"].includes(result.reason) ? 403 : 422;
    // A code already used by another ballot is refused with a fresh form (the loader makes a new code).
    const keep = result.reason === "code-used" ? null : ballotCode;
    return data({ ok: false as const, error: t(BALLOT_REFUSAL_MESSAGES[result.reason], result.params), chosen: option, ballotCode: keep }, { status });
  }
  // The same answer as on the fast path (votes.casting.server.ts), which takes most casts before Remix.
  return redirectWithToast(receiptPath(id), receiptToast(result.code));
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? topicTitle(t, loaded.vote.title, voteKind.label) : null), "topic.kind.vote");

export default function VotePage() {
  const { vote: v, thread, signedIn, ballotCode, canFollow } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, date, number, locale } = useT();
  const who = [t(`vote.page.who.${v.eligibleWho}`), v.minimumAge !== null ? t("vote.page.minimumAge", { age: v.minimumAge }) : null, v.neighbourhood ? t("vote.page.neighbourhood", { neighbourhood: v.neighbourhood }) : null].filter(Boolean).join(", ");
  const code = answer?.ballotCode ?? ballotCode;
  return (
    <div className="inspraak-stack">
      <article className="inspraak-stack" aria-labelledby="vote-title">
        <StatusBadge tone={v.phase === "open" ? "active" : "neutral"}>{t(`vote.phase.${v.phase}`)}</StatusBadge>{" "}
        <StatusBadge>{t(`vote.type.${v.ballotType}`)}</StatusBadge>
        <Heading level={1} id="vote-title">
          {v.title}
        </Heading>
        {v.hidden ? <Alert type="warning">{t("topic.hidden")}</Alert> : null}
        <RichText html={v.bodyHtml} />
        <DataList
          items={[
            { key: t("vote.setup.opensAt"), value: <time dateTime={v.opensAt}>{date(v.opensAt, "datetime")}</time> },
            { key: t("vote.setup.closesAt"), value: v.closesAt ? <time dateTime={v.closesAt}>{date(v.closesAt, "datetime")}</time> : "" },
            { key: t("vote.setup.eligibleWho"), value: who },
            ...(v.budget !== null ? [{ key: t("vote.setup.budget"), value: euros(locale, v.budget) }] : []),
            { key: t("vote.setup.resultsShown"), value: t(v.resultsShown === "live" ? "vote.page.resultsLive" : "vote.page.resultsAfter") },
            { key: t("vote.page.turnout"), value: t("vote.page.ballots", { count: number(v.ballotCount) }) },
          ]}
        />
        <ButtonGroup>
          {v.phase === "closed" || v.resultsShown === "live" ? <ButtonLink to={`/votes/${v.id}/results`}>{t("vote.page.results")}</ButtonLink> : null}
          {v.phase === "closed" ? (
            <ButtonLink to={`/votes/${v.id}/ballots`} appearance="secondary">
              {t("vote.page.ballotList")}
            </ButtonLink>
          ) : null}
          {canFollow ? <FollowButton topicId={v.id} following={v.following} /> : null}
          {v.canEdit ? (
            <ButtonLink to={`/votes/${v.id}/edit`} appearance="secondary">
              {t("vote.page.edit")}
            </ButtonLink>
          ) : null}
          {v.canFlag ? (
            <ButtonLink to={`/topics/${v.id}/flag`} appearance="subtle">
              {t("vote.page.flag")}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
        {v.votedOn ? <Alert type="ok">{t("vote.page.voted", { date: date(v.votedOn) })}</Alert> : null}
        {v.phase === "upcoming" ? <Alert type="info">{t("vote.page.upcoming")}</Alert> : null}
        {v.phase === "closed" ? <Alert type="info">{t("vote.page.closed")}</Alert> : null}
        {v.phase === "open" && !signedIn ? (
          <Paragraph>
            <Link to={`/sign-in?redirectTo=/votes/${v.id}`}>{t("vote.page.signIn")}</Link>
          </Paragraph>
        ) : null}
        {code && v.phase === "open" && !v.votedOn ? (
          <BallotForm key={code + (answer?.chosen ?? []).join(",")} vote={v} options={v.options} ballotCode={code} chosen={answer?.chosen ?? []} error={answer?.error} />
        ) : answer?.error ? (
          <Alert type="error">{answer.error}</Alert>
        ) : null}
        {v.phase !== "open" || v.votedOn || !code ? (
          <ul className="inspraak-vote-options">
            {v.options.map((o) => (
              <li key={o.id}>
                <strong>{o.title}</strong>
                {o.cost !== null ? ` · ${t("vote.page.cost", { cost: euros(locale, o.cost) })}` : null}
                {o.description ? <div>{o.description}</div> : null}
                {o.imageUrl ? <img className="inspraak-vote-image" src={o.imageUrl} alt={o.imageAlt ?? ""} loading="lazy" /> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </article>
      <OutcomeBlock block={v.outcome} />
      <CommentSection thread={thread} topicId={v.id} />
      <Timeline events={v.timeline} />
    </div>
  );
}
