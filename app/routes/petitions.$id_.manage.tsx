import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Alert, Button, ButtonGroup, DataList, ErrorSummary, Heading, Link, Paragraph, RichText, SelectField, StatusBadge, TextArea, TextField } from "~/components/ui";
import type { MessageKey } from "~/i18n";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import {
  FOLLOW_UP_STATES,
  isRejectable,
  LIMITS,
  REJECTION_CODES,
  RESPONDABLE_STATES,
  SCHEDULABLE_STATES,
} from "~/modules/petitions/petitions.rules";
import { CompleteStepForm, DebateOutcomeForm, NextStepForm, RejectForm, RespondForm, ScheduleDebateForm } from "~/modules/petitions/petitions.schema";
import {
  addPetitionNextStep,
  completePetitionNextStep,
  publishPetition,
  recordDebateOutcome,
  recordResponse,
  rejectPetition,
  scheduleDebate,
} from "~/modules/petitions/petitions.lifecycle.server";
import { listPetitionNextSteps } from "~/modules/petitions/petitions.queries.server";
import { findPetition, stateOf } from "~/modules/petitions/petitions.server";
import { authorName } from "~/modules/topics/topics.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { redirectWithToast } from "~/utils/toast.server";
import petitionsCss from "~/styles/petitions.css?url";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionsCss }];

function loadPetition(idParam: string | undefined) {
  const petition = findPetition(requireId(idParam));
  if (!petition) throw new Response("Not Found", { status: 404 });
  return petition;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "petition:moderate");
  const p = loadPetition(params.id);
  const state = stateOf(p);
  const title = p.hideText ? (p.withheldTitle ?? p.title) : p.title;
  const request_ = p.hideText ? (p.withheldRequest ?? "") : p.request;
  const bodyHtml = p.hideText ? renderMarkdown(p.withheldBody ?? "") : p.bodyHtml;
  return {
    petition: {
      id: p.id, title, request: request_, bodyHtml, status: p.status, isPublic: p.isPublic, hidden: p.hidden, hideText: p.hideText,
      supportCount: p.supportCount, submittedAt: p.submittedAt, publishedAt: p.publishedAt, closesAt: p.closesAt, closedAt: p.closedAt,
      requestedClosesAt: p.requestedClosesAt, rejectionCode: p.rejectionCode, rejectionNote: p.rejectionNote,
      responseThreshold: p.responseThreshold, debateThreshold: p.debateThreshold, responseRequestedAt: p.responseRequestedAt,
      debateRequestedAt: p.debateRequestedAt, debateScheduledFor: p.debateScheduledFor, respondedAt: p.respondedAt, debatedAt: p.debatedAt,
    },
    authorName: authorName(p.authorId),
    can: {
      publish: p.status === "submitted",
      reject: isRejectable(state),
      respond: RESPONDABLE_STATES.includes(p.status) && !p.respondedAt,
      schedule: SCHEDULABLE_STATES.includes(p.status) && !p.debatedAt,
      recordDebate: p.status === "debate-scheduled",
      nextSteps: FOLLOW_UP_STATES.includes(p.status),
    },
    steps: listPetitionNextSteps(p.id),
    now: Date.now(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get("intent");
  const moderation = intent === "publish" || intent === "reject";
  const user = await requireUserWithPermission(request, moderation ? "petition:moderate" : "petition:record-outcome");
  const p = loadPetition(params.id);
  const { t } = await getTranslator(request);
  const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
  const done = (message: MessageKey) => redirectWithToast(`/petitions/${p.id}/manage`, { type: "success", message });
  const refused = (reason: MessageKey) => formFailure({ errors: { form: t(reason) }, values }, 422);

  switch (intent) {
    case "publish": {
      const result = publishPetition(user, p.id);
      return result.ok ? done("petition.manage.published") : refused(result.reason);
    }
    case "reject": {
      const parsed = parseForm(form, RejectForm, t);
      if (!parsed.ok) return formFailure(parsed);
      const result = rejectPetition(user, p.id, parsed.data);
      return result.ok ? done("petition.manage.rejected") : refused(result.reason);
    }
    case "respond": {
      const parsed = parseForm(form, RespondForm, t);
      if (!parsed.ok) return formFailure(parsed);
      // Nothing is written for a preview: the response as it will be published and mailed, and to how many.
      if (parsed.data.step === "preview") return { ok: true as const, values, preview: { html: renderMarkdown(parsed.data.responseText), recipients: p.supportCount } };
      const result = recordResponse(user, p.id, { body: parsed.data.responseText, responsibleBody: parsed.data.responseResponsible });
      return result.ok ? done("petition.manage.responded") : refused(result.reason);
    }
    case "schedule-debate": {
      const parsed = parseForm(form, ScheduleDebateForm, t);
      if (!parsed.ok) return formFailure(parsed);
      const result = scheduleDebate(user, p.id, { meetingAt: parsed.data.meetingDate });
      return result.ok ? done("petition.manage.scheduled") : refused(result.reason);
    }
    case "record-debate": {
      const parsed = parseForm(form, DebateOutcomeForm, t);
      if (!parsed.ok) return formFailure(parsed);
      const result = recordDebateOutcome(user, p.id, { body: parsed.data.debateText, responsibleBody: parsed.data.debateResponsible });
      return result.ok ? done("petition.manage.debated") : refused(result.reason);
    }
    case "add-next-step": {
      const parsed = parseForm(form, NextStepForm, t);
      if (!parsed.ok) return formFailure(parsed);
      const result = addPetitionNextStep(user, p.id, { description: parsed.data.description, responsibleBody: parsed.data.stepResponsible, dueAt: parsed.data.dueDate });
      return result.ok ? done("petition.manage.stepAdded") : refused(result.reason);
    }
    case "complete-next-step": {
      const parsed = parseForm(form, CompleteStepForm, t);
      if (!parsed.ok) return formFailure(parsed);
      const result = completePetitionNextStep(user, p.id, parsed.data.stepId);
      return result.ok ? done("petition.manage.stepDone") : refused(result.reason);
    }
    default:
      return formFailure({ errors: { form: t("form.unknownIntent") }, values }, 400);
  }
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? t("petition.manage.title", { title: loaded.petition.title }) : null), "topic.kind.petition");

function ActionSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="inspraak-section">
      <Heading level={2} id={`${id}-heading`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

export default function ManagePetition() {
  const { petition: p, authorName: author, can, steps, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date, number } = useT();
  const intent = actionData?.values?.intent;
  const errorsFor = (name: string) => (intent === name ? actionData?.errors : undefined);
  const valueOf = (name: string, field: string) => (intent === name ? actionData?.values?.[field] : undefined);
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const nothingToDo = !can.publish && !can.reject && !can.respond && !can.schedule && !can.recordDebate && !can.nextSteps;
  return (
    <div className="inspraak-stack inspraak-petitions-actions">
      <div className="inspraak-stack">
        <Paragraph>
          <Link to="/petitions/moderation">{t("petition.queue.title")}</Link>
          {p.isPublic ? (
            <>
              {" "}
              · <Link to={`/petitions/${p.id}`}>{t("petition.manage.publicPage")}</Link>
            </>
          ) : null}
        </Paragraph>
        <Heading level={1}>{t("petition.manage.title", { title: p.title })}</Heading>
        <Paragraph>
          <PetitionStatusBadge status={p.status} /> {p.hidden ? <StatusBadge tone="danger">{t("petition.manage.hidden")}</StatusBadge> : null}{" "}
          {t("petition.page.by", { name: author ?? t("topic.deletedParticipant") })}
        </Paragraph>
        {p.hideText ? <Alert type="warning">{t("petition.manage.withheldNotice")}</Alert> : null}
        <DataList
          items={[
            { key: t("petition.count.heading"), value: number(p.supportCount) },
            ...(p.submittedAt ? [{ key: t("petition.queue.submittedOn"), value: date(p.submittedAt) }] : []),
            ...(p.publishedAt ? [{ key: t("petition.page.published"), value: date(p.publishedAt) }] : []),
            ...(p.requestedClosesAt ? [{ key: t("petition.manage.requestedDeadline"), value: date(p.requestedClosesAt) }] : []),
            ...(p.closesAt ? [{ key: t("petition.page.closesOn"), value: date(p.closesAt) }] : []),
            ...(p.responseThreshold ? [{ key: t("petition.manage.thresholds"), value: `${number(p.responseThreshold)} / ${number(p.debateThreshold ?? 0)}` }] : []),
            ...(p.responseRequestedAt ? [{ key: t("petition.manage.responseRequested"), value: date(p.responseRequestedAt) }] : []),
            ...(p.debateScheduledFor ? [{ key: t("petition.page.debateOn"), value: date(p.debateScheduledFor) }] : []),
            ...(p.rejectionCode ? [{ key: t("petition.rejected.heading"), value: t(`petition.rejection.${p.rejectionCode}`) }] : []),
          ]}
        />
        <Heading level={2}>{t("petition.page.request")}</Heading>
        <Paragraph lead>{p.request}</Paragraph>
        {p.bodyHtml ? (
          <>
            <Heading level={2}>{t("petition.page.background")}</Heading>
            <RichText html={p.bodyHtml} />
          </>
        ) : null}
      </div>

      {intent === undefined && actionData?.errors?.form ? <Alert type="error">{actionData.errors.form}</Alert> : null}
      {nothingToDo ? <Alert type="info">{t("petition.manage.nothingToDo")}</Alert> : null}

      {can.publish ? (
        <ActionSection id="publish" title={t("petition.manage.publish")}>
          <ErrorSummary errors={errorsFor("publish")} />
          <Paragraph>{t("petition.manage.publishExplain")}</Paragraph>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button>{t("petition.manage.publishSubmit")}</Button>
          </Form>
        </ActionSection>
      ) : null}

      {can.reject ? (
        <ActionSection id="reject" title={t("petition.manage.reject")}>
          <Form method="post" className="inspraak-form" noValidate>
            <ErrorSummary errors={errorsFor("reject")} labels={{ code: t("petition.manage.reason"), note: t("petition.manage.note") }} />
            <input type="hidden" name="intent" value="reject" />
            <SelectField
              name="code"
              label={t("petition.manage.reason")}
              defaultValue={valueOf("reject", "code") ?? ""}
              error={errorsFor("reject")?.code}
              options={[{ value: "", label: t("petition.manage.chooseReason") }, ...REJECTION_CODES.map((c) => ({ value: c, label: t(`petition.rejection.${c}`) }))]}
            />
            <TextArea name="note" label={t("petition.manage.note")} description={t("petition.manage.noteHint")} rows={3} maxLength={LIMITS.noteMax} defaultValue={valueOf("reject", "note") ?? ""} error={errorsFor("reject")?.note} optional />
            <Button appearance="secondary">{t("petition.manage.rejectSubmit")}</Button>
          </Form>
        </ActionSection>
      ) : null}

      {can.respond ? (
        <ActionSection id="respond" title={t("petition.manage.respond")}>
          <Form method="post" className="inspraak-form" noValidate>
            <ErrorSummary errors={errorsFor("respond")} labels={{ responseText: t("petition.manage.responseText"), responseResponsible: t("petition.manage.responsible") }} />
            <input type="hidden" name="intent" value="respond" />
            <TextArea name="responseText" label={t("petition.manage.responseText")} description={t("petition.manage.markdownHint")} rows={8} maxLength={LIMITS.responseMax} defaultValue={valueOf("respond", "responseText") ?? ""} error={errorsFor("respond")?.responseText} />
            <TextField name="responseResponsible" label={t("petition.manage.responsible")} maxLength={LIMITS.bodyNameMax} defaultValue={valueOf("respond", "responseResponsible") ?? ""} error={errorsFor("respond")?.responseResponsible} />
            {preview ? (
              <section aria-labelledby="respond-preview-heading" className="inspraak-section">
                <Heading level={3} id="respond-preview-heading">
                  {t("petition.manage.previewTitle")}
                </Heading>
                <RichText html={preview.html} />
                <Alert type="info">{t("petition.manage.previewRecipients", { count: preview.recipients })}</Alert>
              </section>
            ) : null}
            <ButtonGroup>
              {preview ? <Button name="step" value="publish">{t("petition.manage.respondSubmit")}</Button> : null}
              <Button name="step" value="preview" appearance={preview ? "secondary" : "primary"}>
                {t(preview ? "petition.manage.previewAgain" : "petition.manage.previewSubmit")}
              </Button>
            </ButtonGroup>
          </Form>
        </ActionSection>
      ) : null}

      {can.schedule ? (
        <ActionSection id="schedule" title={t("petition.manage.schedule")}>
          <Form method="post" className="inspraak-form" noValidate>
            <ErrorSummary errors={errorsFor("schedule-debate")} labels={{ meetingDate: t("petition.manage.meetingDate") }} />
            <input type="hidden" name="intent" value="schedule-debate" />
            <TextField name="meetingDate" type="date" label={t("petition.manage.meetingDate")} defaultValue={valueOf("schedule-debate", "meetingDate") ?? ""} error={errorsFor("schedule-debate")?.meetingDate} />
            <Button appearance="secondary">{t("petition.manage.scheduleSubmit")}</Button>
          </Form>
        </ActionSection>
      ) : null}

      {can.recordDebate ? (
        <ActionSection id="debate" title={t("petition.manage.debate")}>
          <Form method="post" className="inspraak-form" noValidate>
            <ErrorSummary errors={errorsFor("record-debate")} labels={{ debateText: t("petition.manage.debateText"), debateResponsible: t("petition.manage.responsible") }} />
            <input type="hidden" name="intent" value="record-debate" />
            <TextArea name="debateText" label={t("petition.manage.debateText")} description={t("petition.manage.markdownHint")} rows={8} maxLength={LIMITS.responseMax} defaultValue={valueOf("record-debate", "debateText") ?? ""} error={errorsFor("record-debate")?.debateText} />
            <TextField name="debateResponsible" label={t("petition.manage.responsible")} maxLength={LIMITS.bodyNameMax} defaultValue={valueOf("record-debate", "debateResponsible") ?? ""} error={errorsFor("record-debate")?.debateResponsible} />
            <Button>{t("petition.manage.debateSubmit")}</Button>
          </Form>
        </ActionSection>
      ) : null}

      {can.nextSteps ? (
        <ActionSection id="steps" title={t("topic.nextSteps")}>
          <ErrorSummary errors={errorsFor("complete-next-step")} />
          {steps.length === 0 ? (
            <Paragraph>{t("topic.nextSteps.empty")}</Paragraph>
          ) : (
            <ul className="utrecht-unordered-list">
              {steps.map((step) => {
                const overdue = step.status !== "done" && step.dueAt && new Date(step.dueAt).getTime() < now;
                return (
                  <li key={step.id} className="utrecht-unordered-list__item">
                    {step.description} <StatusBadge tone={step.status === "done" ? "success" : overdue ? "danger" : "neutral"}>{t(`topic.nextStep.status.${step.status}`)}</StatusBadge>
                    {step.dueAt ? <> · {t(overdue ? "topic.nextStep.overdue" : "topic.nextStep.due", { date: date(step.dueAt) })}</> : null}
                    {step.status !== "done" ? (
                      <Form method="post" className="inspraak-inline-form">
                        <input type="hidden" name="intent" value="complete-next-step" />
                        <input type="hidden" name="stepId" value={step.id} />{" "}
                        <Button appearance="subtle" aria-label={t("petition.manage.stepDoneLabel", { description: step.description })}>
                          {t("petition.manage.stepDoneSubmit")}
                        </Button>
                      </Form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          <Heading level={3}>{t("petition.manage.addStep")}</Heading>
          <Form method="post" className="inspraak-form" noValidate>
            <ErrorSummary errors={errorsFor("add-next-step")} labels={{ description: t("petition.manage.stepDescription"), stepResponsible: t("petition.manage.responsible"), dueDate: t("petition.manage.dueDate") }} />
            <input type="hidden" name="intent" value="add-next-step" />
            <TextField name="description" label={t("petition.manage.stepDescription")} maxLength={LIMITS.stepMax} defaultValue={valueOf("add-next-step", "description") ?? ""} error={errorsFor("add-next-step")?.description} />
            <TextField name="stepResponsible" label={t("petition.manage.responsible")} maxLength={LIMITS.bodyNameMax} defaultValue={valueOf("add-next-step", "stepResponsible") ?? ""} error={errorsFor("add-next-step")?.stepResponsible} optional />
            <TextField name="dueDate" type="date" label={t("petition.manage.dueDate")} defaultValue={valueOf("add-next-step", "dueDate") ?? ""} error={errorsFor("add-next-step")?.dueDate} optional />
            <Button appearance="secondary">{t("petition.manage.addStepSubmit")}</Button>
          </Form>
        </ActionSection>
      ) : null}
    </div>
  );
}
