import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert, Button, ButtonGroup, DataList, ErrorSummary, Heading, Link, Paragraph, StatusBadge, SubmitButton, TextArea } from "~/components/ui";
import { getAmendmentPage, readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { REASON_MAX } from "~/modules/bylaws/bylaws.rules";
import { DecisionSchema, STANCE_OF, StanceSchema } from "~/modules/bylaws/bylaws.schema";
import { BYLAW_REFUSAL_MESSAGES, decideAmendment, takeAmendmentStance, withdrawAmendmentStance } from "~/modules/bylaws/bylaws.server";
import { bylawLinks, Diff } from "~/modules/bylaws/components/Diff";
import { RadioGroup } from "~/modules/participation/components/fields";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { fields, formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { ...getAmendmentPage(requireId(params.id), requireId(params.amendmentId), user), signedIn: Boolean(user) };
}

const IntentSchema = z.object({ intent: fields.intent(["support", "oppose", "withdraw", "decide"]) }).passthrough();

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await getUser(request);
  const bylaw = readableBylawOr404(requireId(params.id), viewer);
  const amendmentId = requireId(params.amendmentId);
  const back = `/bylaws/${bylaw.id}/amendments/${amendmentId}`;
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const head = parseForm(form, IntentSchema, t);
  if (!head.ok) return data({ ok: false as const, errors: { form: head.errors.intent ?? t("form.unknownIntent") }, values: {} }, { status: 400 });
  if (head.data.intent === "decide") {
    const user = await requireUserWithPermission(request, "bylaw:decide");
    const parsed = parseForm(form, DecisionSchema, t);
    if (!parsed.ok) return formFailure(parsed);
    const result = decideAmendment(user, { topicId: bylaw.id, amendmentId, decision: parsed.data.decision, reason: parsed.data.reason ?? null });
    if (!result.ok) {
      const status = result.reason === "amendment-not-found" ? 404 : 422;
      return data({ ok: false as const, errors: { [result.field ?? "form"]: t(BYLAW_REFUSAL_MESSAGES[result.reason]) }, values: { decision: parsed.data.decision, reason: parsed.data.reason ?? "" } }, { status });
    }
    return redirectWithToast(back, { type: "success", message: "bylaw.decide.done" });
  }
  const user = await requireUserWithPermission(request, "bylaw:take-stance");
  const parsed = parseForm(form, StanceSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  const intent = parsed.data.intent;
  const result = intent === "withdraw" ? withdrawAmendmentStance(user, { topicId: bylaw.id, amendmentId }) : takeAmendmentStance(user, { topicId: bylaw.id, amendmentId, stance: STANCE_OF[intent] });
  if (!result.ok) {
    if (result.reason === "bylaw.error.amendmentNotFound") throw new Response("Not Found", { status: 404 });
    return data({ ok: false as const, errors: { form: t(result.reason) }, values: {} }, { status: 422 });
  }
  const message = result.already ? "bylaw.amendment.already" : intent === "withdraw" ? "bylaw.amendment.withdrawn" : intent === "support" ? "bylaw.amendment.supported" : "bylaw.amendment.opposed";
  return redirectWithToast(back, { type: "success", message });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.amendment.title", { id: loaded.amendment.id, number: loaded.article.number })} · ${loaded.bylaw.title}` : null), "topic.kind.bylaw");

export default function AmendmentPage() {
  const { bylaw, amendment: a, article, diff, viewerStance, canTakeStance, canDecide, signedIn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const decided = a.status !== "open";
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}/articles/${article.id}`}>{t("bylaw.amendment.back", { number: article.number })}</Link>
      </Paragraph>
      <StatusBadge tone={a.status === "open" ? "active" : a.status === "rejected" ? "danger" : "neutral"}>{t(`bylaw.amendment.status.${a.status}`, { version: a.mergedInVersion ?? "" })}</StatusBadge>
      <Heading level={1}>{t("bylaw.amendment.title", { id: a.id, number: article.number })}</Heading>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <Paragraph>
        {bylaw.title} · {t("bylaw.page.articleTitle", { number: article.number, heading: article.heading })}
      </Paragraph>
      <Paragraph>
        {t("bylaw.amendment.by", { name: a.authorName ?? t("topic.deletedParticipant"), date: date(a.createdAt) })} · {t(`bylaw.amendment.type.${a.type}`)}
      </Paragraph>
      <section aria-labelledby="diff-heading" className="inspraak-stack">
        <Heading level={2} id="diff-heading">
          {a.type === "insert-after" ? t("bylaw.amendment.newArticle", { heading: a.heading }) : t("bylaw.amendment.diff", { version: a.versionNumber })}
        </Heading>
        <Paragraph className="inspraak-hint">{t("bylaw.diff.legend")}</Paragraph>
        <Diff segments={diff} />
      </section>
      <section aria-labelledby="rationale-heading">
        <Heading level={2} id="rationale-heading">
          {t("bylaw.amendment.rationale")}
        </Heading>
        <Paragraph className="inspraak-diff">{a.rationale}</Paragraph>
      </section>
      {decided && a.decisionReason ? (
        <section aria-labelledby="reason-heading">
          <Heading level={2} id="reason-heading">
            {t("bylaw.amendment.reason")}
          </Heading>
          <Paragraph>{a.decisionReason}</Paragraph>
        </section>
      ) : null}
      <section aria-labelledby="stances-heading" className="inspraak-stack">
        <Heading level={2} id="stances-heading">
          {t("bylaw.amendment.stances")}
        </Heading>
        <DataList
          items={[
            { key: t("bylaw.amendment.supportButton"), value: t("bylaw.amendment.support", { count: a.supportCount }) },
            { key: t("bylaw.amendment.opposeButton"), value: t("bylaw.amendment.oppose", { count: a.opposeCount }) },
          ]}
        />
        {viewerStance ? <Paragraph>{t(`bylaw.amendment.yours.${viewerStance}`)}</Paragraph> : null}
        {canTakeStance ? (
          <ButtonGroup>
            {viewerStance !== "support" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="support" />
                <Button>{t("bylaw.amendment.supportButton")}</Button>
              </Form>
            ) : null}
            {viewerStance !== "oppose" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="oppose" />
                <Button appearance="secondary">{t("bylaw.amendment.opposeButton")}</Button>
              </Form>
            ) : null}
            {viewerStance ? (
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <Button appearance="subtle">{t("bylaw.amendment.withdraw")}</Button>
              </Form>
            ) : null}
          </ButtonGroup>
        ) : !signedIn && a.status === "open" ? (
          <Paragraph>
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/bylaws/${bylaw.id}/amendments/${a.id}`)}`}>{t("bylaw.amendment.signIn")}</Link>
          </Paragraph>
        ) : null}
      </section>
      {canDecide ? (
        <section aria-labelledby="decide-heading" className="inspraak-stack">
          <Heading level={2} id="decide-heading">
            {t("bylaw.decide.title")}
          </Heading>
          <ErrorSummary errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined} labels={{ decision: t("bylaw.decide.decision"), reason: t("bylaw.decide.reason") }} ids={{ decision: "decision", reason: "field-reason" }} />
          <Form method="post" className="inspraak-form" noValidate>
            <input type="hidden" name="intent" value="decide" />
            <RadioGroup
              idPrefix="decision"
              name="decision"
              legend={t("bylaw.decide.decision")}
              defaultValue={values.decision}
              error={errors?.decision}
              options={(["accept", "reject", "consider"] as const).map((value) => ({ value, label: t(`bylaw.decide.${value}`) }))}
            />
            <TextArea name="reason" label={t("bylaw.decide.reason")} description={t("bylaw.decide.reasonHint")} error={errors?.reason} defaultValue={values.reason} maxLength={REASON_MAX} rows={4} />
            <SubmitButton>{t("bylaw.decide.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
