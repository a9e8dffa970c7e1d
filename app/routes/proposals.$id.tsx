import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FollowButton, OutcomeBlock, Timeline } from "~/components/topic";
import { Alert, Button, ButtonGroup, ButtonLink, CheckboxField, DataList, ErrorSummary, Heading, Link, Paragraph, RichText } from "~/components/ui";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { CommentSection, commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { proposalKind } from "~/modules/proposals/proposals.kind";
import { getProposalPage, PROPOSAL_REFUSAL_MESSAGES, relatedTopics, submitProposal, verordening, withdrawProposal } from "~/modules/proposals/proposals.server";
import { ProposalStatus } from "~/modules/proposals/components/ProposalStatus";
import { topicPath } from "~/modules/topics/topics.paths";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle, topicTitle } from "~/utils/meta";
import { refusalMessage } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "proposal", "eligibility", "moderation", "outcome", "timeline"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const user = await getUser(request);
  const proposal = getProposalPage(id, user);
  if (!proposal) throw new Response("Not Found", { status: 404 });
  const thread = loadCommentThread(id, user, new URL(request.url).searchParams);
  // Before submitting, the author sees the subjects the council takes no proposals on and topics on similar subjects.
  const beforeSubmit = proposal.canEdit
    ? { excludedSubjects: verordening().excludedSubjects, related: relatedTopics(`${proposal.title} ${proposal.decision}`, { excludeId: id }).map((r) => ({ ...r, path: topicPath(r) })) }
    : null;
  return { proposal, thread, beforeSubmit };
}

const AuthorIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), notExcluded: z.literal("on", { errorMap: () => ({ message: "proposal.submit.confirmRequired" }) }) }),
  z.object({ intent: z.literal("withdraw") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, AuthorIntent, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = parsed.data.intent === "submit" ? submitProposal(user, id) : withdrawProposal(user, id);
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("Not Found", { status: 404 });
    return formFailure({ errors: { form: t(refusalMessage(result, PROPOSAL_REFUSAL_MESSAGES)) }, values: {} }, 422);
  }
  return redirectWithToast(`/proposals/${id}`, { type: "success", message: parsed.data.intent === "submit" ? "proposal.submitted" : "proposal.withdrawn" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? topicTitle(t, loaded.proposal.title, proposalKind.label) : null), "topic.kind.proposal");

export default function ProposalPage() {
  const { proposal: p, thread, beforeSubmit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure?.errors as Record<string, string> | undefined;
  const { t, date, number } = useT();
  return (
    <div className="inspraak-stack">
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <article className="inspraak-stack" aria-labelledby="proposal-title">
        <ProposalStatus status={p.status} />
        <Heading level={1} id="proposal-title">
          {p.title}
        </Heading>
        <Paragraph>
          {t("proposal.by", { name: p.authorName ?? t("topic.deletedParticipant"), date: date(p.publishedAt ?? p.createdAt) })} ·{" "}
          {t("topic.followers", { count: number(p.followerCount) })}
        </Paragraph>
        {p.hidden ? <Alert type="warning">{t("topic.hidden")}</Alert> : null}
        {p.status === "draft" ? <Alert type="info">{t("proposal.page.draftNotice")}</Alert> : null}
        {p.status === "submitted" ? <Alert type="info">{t("proposal.page.submittedNotice")}</Alert> : null}
        {p.status === "inadmissible" && p.inadmissibleReason ? (
          <Alert type="warning">
            {t("proposal.page.inadmissible", { reason: t(`proposal.inadmissible.${p.inadmissibleReason}`) })}
            {p.admissibilityNote ? ` ${p.admissibilityNote}` : ""}
          </Alert>
        ) : null}
        <Heading level={2}>{t("proposal.field.decision")}</Heading>
        <Paragraph lead>{p.decision}</Paragraph>
        <Heading level={2}>{t("proposal.field.reasons")}</Heading>
        <RichText html={p.bodyHtml} />
        <DataList
          items={[
            ...(p.neighbourhood ? [{ key: t("proposal.field.neighbourhood"), value: p.neighbourhood }] : []),
            ...(p.status === "collecting" || p.status === "threshold-reached" || p.status === "expired" ? [{ key: t("proposal.page.admissibilityNote"), value: p.admissibilityNote ?? t("proposal.page.noNote") }] : []),
          ]}
        />
      </article>
      {p.threshold !== null && p.status !== "inadmissible" ? <Progress count={p.supportCount} threshold={p.threshold} daysLeft={p.daysLeft} closesAt={p.closesAt} status={p.status} /> : null}
      {p.support ? <SupportSection id={p.id} support={p.support} /> : null}
      {beforeSubmit ? <BeforeSubmit {...beforeSubmit} error={errors?.notExcluded} /> : null}
      <ButtonGroup>
        {p.canFollow ? <FollowButton topicId={p.id} following={p.following} /> : null}
        {p.canEdit ? (
          <ButtonLink to={`/proposals/${p.id}/edit`} appearance="secondary">
            {t("proposal.edit.link")}
          </ButtonLink>
        ) : null}
        {p.canCheck ? (
          <ButtonLink to={`/proposals/${p.id}/check`} appearance="secondary">
            {t("proposal.check.link")}
          </ButtonLink>
        ) : null}
        {p.canFlag ? (
          <ButtonLink to={`/topics/${p.id}/flag`} appearance="subtle">
            {t("proposal.flag.link")}
          </ButtonLink>
        ) : null}
      </ButtonGroup>
      {p.canWithdraw ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <Button appearance="subtle">{t("proposal.withdraw.button")}</Button>
        </Form>
      ) : null}
      <OutcomeBlock block={p.outcome} />
      {p.status !== "draft" && p.status !== "submitted" ? <CommentSection thread={thread} topicId={p.id} /> : null}
      <Timeline events={p.timeline} />
    </div>
  );
}

function Progress({ count, threshold, daysLeft, closesAt, status }: { count: number; threshold: number; daysLeft: number | null; closesAt: string | null; status: string }) {
  const { t, number, date } = useT();
  return (
    <section aria-labelledby="progress-heading" className="inspraak-section">
      <Heading level={2} id="progress-heading">
        {t("proposal.progress.heading")}
      </Heading>
      <label htmlFor="proposal-progress" className="utrecht-form-label">
        {t("proposal.progress.count", { count: number(count), threshold: number(threshold) })}
      </label>
      <progress id="proposal-progress" max={threshold} value={Math.min(count, threshold)}>
        {Math.min(100, Math.floor((count / threshold) * 100))}%
      </progress>
      {status === "collecting" && daysLeft !== null && closesAt ? (
        <Paragraph>{t("proposal.progress.daysLeft", { days: daysLeft, date: date(closesAt) })}</Paragraph>
      ) : status === "threshold-reached" ? (
        <Paragraph>{t("proposal.progress.reached")}</Paragraph>
      ) : status === "expired" ? (
        <Paragraph>{t("proposal.progress.expired")}</Paragraph>
      ) : null}
    </section>
  );
}

type SupportState = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["proposal"]["support"]>;

function SupportSection({ id, support }: { id: number; support: SupportState }) {
  const { t } = useT();
  return (
    <section aria-labelledby="support-heading" className="inspraak-section" id="support">
      <Heading level={2} id="support-heading">
        {t("proposal.support.heading")}
      </Heading>
      {support.state === "supported" ? (
        <>
          <Alert type="ok">{t("proposal.support.youSupport")}</Alert>
          <Form method="post" action={`/proposals/${id}/unsupport`} reloadDocument>
            <Button appearance="secondary">{t("proposal.support.withdraw")}</Button>
          </Form>
        </>
      ) : support.state === "cannot" ? (
        <Alert type="warning">{t(support.message, support.params)}</Alert>
      ) : (
        // A plain document post, with or without JavaScript: server.js answers it on its fast path.
        <Form method="post" action={`/proposals/${id}/support`} reloadDocument>
          {support.state === "visitor" ? <Paragraph>{t("proposal.support.signInFirst")}</Paragraph> : null}
          <Button>{t("proposal.support.button")}</Button>
        </Form>
      )}
    </section>
  );
}

function BeforeSubmit({ excludedSubjects, related, error }: { excludedSubjects: string[]; related: Array<{ id: number; title: string; path: string; kind: string }>; error?: string }) {
  const { t } = useT();
  return (
    <section aria-labelledby="submit-heading" className="inspraak-section">
      <Heading level={2} id="submit-heading">
        {t("proposal.submit.heading")}
      </Heading>
      <Paragraph>{t("proposal.excluded.intro")}</Paragraph>
      <ul>
        {excludedSubjects.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <Heading level={3}>{t("proposal.related.heading")}</Heading>
      {related.length === 0 ? (
        <Paragraph>{t("proposal.related.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("proposal.related.intro")}</Paragraph>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <Link to={r.path}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <Form method="post" className="inspraak-form">
        <input type="hidden" name="intent" value="submit" />
        <ErrorSummary errors={error ? { notExcluded: error } : undefined} labels={{ notExcluded: t("proposal.submit.confirmShort") }} />
        <CheckboxField name="notExcluded" label={t("proposal.submit.confirm")} error={error} />
        <Button>{t("proposal.submit.button")}</Button>
      </Form>
    </section>
  );
}
