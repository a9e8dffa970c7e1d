import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FollowButton, OutcomeBlock, Timeline } from "~/components/topic";
import { Alert, ButtonGroup, ButtonLink, Heading, Paragraph, RichText, StatusBadge } from "~/components/ui";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { CommentSection, commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { getDiscussion } from "~/modules/discussions/discussions.server";
import { discussionKind } from "~/modules/discussions/discussions.kind";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle, topicTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "discussion", "moderation", "outcome", "timeline"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const user = await getUser(request);
  const discussion = getDiscussion(id, user);
  if (!discussion) throw new Response("Not Found", { status: 404 });
  const thread = loadCommentThread(id, user, new URL(request.url).searchParams);
  return { discussion, thread, canFollow: Boolean(user) && can(user, "topic:follow") && !discussion.hidden };
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? topicTitle(t, loaded.discussion.title, discussionKind.label) : null), "topic.kind.discussion");

export default function DiscussionPage() {
  const { discussion: d, thread, canFollow } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <div className="inspraak-stack">
      <article className="inspraak-stack" aria-labelledby="discussion-title">
        <StatusBadge tone={d.status === "open" ? "active" : "neutral"}>{t(d.status === "open" ? "discussion.status.open" : "discussion.status.closed")}</StatusBadge>
        <Heading level={1} id="discussion-title">
          {d.title}
        </Heading>
        <Paragraph>
          {t("discussion.openedBy", { name: d.authorName ?? t("topic.deletedParticipant"), date: date(d.publishedAt) })} ·{" "}
          {t("topic.followers", { count: number(d.followerCount) })}
        </Paragraph>
        {d.hidden ? <Alert type="warning">{t("topic.hidden")}</Alert> : null}
        {d.locked ? <Alert type="info">{t("discussion.locked")}</Alert> : null}
        <RichText html={d.bodyHtml} />
        <ButtonGroup>
          {canFollow ? <FollowButton topicId={d.id} following={d.following} /> : null}
          {d.canClose ? (
            <ButtonLink to={`/discussions/${d.id}/close`} appearance="secondary">
              {t("discussion.close.link")}
            </ButtonLink>
          ) : null}
          {d.canFlag ? (
            <ButtonLink to={`/topics/${d.id}/flag`} appearance="subtle">
              {t("discussion.flag.link")}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      </article>
      <OutcomeBlock block={d.outcome} />
      <CommentSection thread={thread} topicId={d.id} />
      <Timeline events={d.timeline} />
    </div>
  );
}
