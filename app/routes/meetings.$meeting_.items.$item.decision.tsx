import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, SelectField, TextArea, TextField } from "~/components/ui";
import { COUNCIL_DECISIONS } from "#db/schema/council.constants";
import { decisionOn, findAgendaItem, recordCouncilDecision } from "~/modules/council/council.decisions.server";
import { findMeeting } from "~/modules/council/council.meetings.server";
import { LIMITS } from "~/modules/council/council.rules";
import { DecisionForm } from "~/modules/council/council.schema";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { endOfLocalDay, localDay, noonOfLocalDay } from "~/utils/local-time";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["council"] };

function itemOr404(params: { meeting?: string; item?: string }) {
  const meeting = findMeeting(requireId(params.meeting));
  const item = meeting && findAgendaItem(meeting.id, requireId(params.item));
  if (!meeting || !item || item.topicId === null) throw new Response("Not Found", { status: 404 });
  return { meeting, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "council:record-decision");
  const { meeting, item } = itemOr404(params);
  const decided = decisionOn(item.id);
  return {
    meeting: { id: meeting.id, title: meeting.title },
    item: { id: item.id, position: item.position, title: item.topicTitle ?? "" },
    decided: decided ? { decision: decided.decision } : null,
    today: localDay(new Date()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:record-decision");
  const { meeting, item } = itemOr404(params);
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), DecisionForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const input = parsed.data;
  const result = recordCouncilDecision(user, { meetingId: meeting.id, itemId: item.id }, {
    decision: input.decision,
    body: input.body,
    decidedAt: noonOfLocalDay(input.date)!,
    nextStep: input.nextStep ? { description: input.nextStep, dueAt: input.nextStepDue ? endOfLocalDay(input.nextStepDue) : null } : null,
  });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: input as unknown as Record<string, string> }, { status: 422 });
  return redirectWithToast(`/meetings/${meeting.id}#agenda`, { type: "success", message: result.already ? "council.decision.already" : "council.decision.recorded" });
}

export const meta = pageTitle("council.decision.title");

export default function RecordDecision() {
  const { meeting, item, decided, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string | undefined>;
  const labels = { decision: t("council.decision.decision"), body: t("council.decision.body"), date: t("council.decision.date"), nextStep: t("council.decision.nextStep"), nextStepDue: t("council.decision.nextStepDue") };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      </Paragraph>
      <Heading level={1}>{t("council.decision.title")}</Heading>
      <Paragraph>{t("council.decision.intro", { number: item.position, meeting: meeting.title, title: item.title })}</Paragraph>
      {decided ? (
        <Alert type="info">{t("council.decision.already")}</Alert>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={labels} />
          <Form method="post" className="inspraak-form" noValidate>
            <SelectField name="decision" label={labels.decision} error={errors?.decision} defaultValue={values.decision ?? "adopted"} options={COUNCIL_DECISIONS.map((d) => ({ value: d, label: t(`council.decision.${d}`) }))} />
            <TextArea name="body" label={labels.body} description={t("council.decision.bodyHint")} error={errors?.body} defaultValue={values.body} maxLength={LIMITS.decisionMax} rows={8} aria-required />
            <TextField name="date" type="date" label={labels.date} error={errors?.date} defaultValue={values.date ?? today} aria-required />
            <TextField name="nextStep" label={labels.nextStep} description={t("council.decision.nextStepHint")} error={errors?.nextStep} defaultValue={values.nextStep} maxLength={500} optional />
            <TextField name="nextStepDue" type="date" label={labels.nextStepDue} error={errors?.nextStepDue} defaultValue={values.nextStepDue} optional />
            <Button>{t("council.decision.submit")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
