import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, CheckboxField, ErrorSummary, Heading, Link, Paragraph, SelectField, SubmissionKey, TextField } from "~/components/ui";
import { MEETING_BODIES } from "#db/schema/council.constants";
import { createMeeting } from "~/modules/council/council.meetings.server";
import { LIMITS } from "~/modules/council/council.rules";
import { meetingMoment, MeetingForm } from "~/modules/council/council.schema";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["council"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "meeting:manage");
  return { submission: newSubmissionKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "meeting:manage");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), MeetingForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const input = parsed.data;
  const result = createMeeting(user, {
    body: input.body, title: input.title, place: input.place, isPublic: !input.closed,
    startsAt: meetingMoment(input.date, input.time), submissionKey: input.submission ?? null,
  });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: input as unknown as Record<string, string> }, { status: 422 });
  return redirectWithToast(`/meetings/${result.meetingId}`, { type: "success", message: "council.meeting.created" });
}

export const meta = pageTitle("council.meeting.new.title");

export default function NewMeeting() {
  const { submission } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string | boolean>;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const labels = { body: t("council.meeting.body"), title: t("council.meeting.titleField"), date: t("council.meeting.date"), time: t("council.meeting.time"), place: t("council.meeting.placeField") };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/meetings">{t("council.meeting.backToList")}</Link>
      </Paragraph>
      <Heading level={1}>{t("council.meeting.new.title")}</Heading>
      <Paragraph>{t("council.meeting.new.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <SelectField name="body" label={labels.body} error={errors?.body} defaultValue={text("body") ?? "council"} options={MEETING_BODIES.map((b) => ({ value: b, label: t(`council.body.${b}`) }))} />
        <TextField name="title" label={labels.title} description={t("council.meeting.titleHint")} error={errors?.title} defaultValue={text("title")} maxLength={LIMITS.titleMax} aria-required />
        <TextField name="date" type="date" label={labels.date} description={t("council.meeting.dateHint")} error={errors?.date} defaultValue={text("date")} aria-required />
        <TextField name="time" type="time" label={labels.time} description={t("council.meeting.timeHint")} error={errors?.time} defaultValue={text("time") ?? "19:30"} aria-required />
        <TextField name="place" label={labels.place} error={errors?.place} defaultValue={text("place") ?? "Raadzaal, stadhuis"} maxLength={LIMITS.placeMax} aria-required />
        <CheckboxField name="closed" label={t("council.meeting.closedField")} defaultChecked={values.closed === true || values.closed === "on"} />
        <Button>{t("council.meeting.create")}</Button>
      </Form>
    </div>
  );
}
