import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, SelectField, StatusBadge, TextArea, TextField } from "~/components/ui";
import { useMeetingWords } from "~/modules/council/components/meeting";
import { findMeeting, meetingAgenda, moveAgendaItem, placeableTopics, placeOnAgenda } from "~/modules/council/council.meetings.server";
import { LIMITS, takesAgendaItems } from "~/modules/council/council.rules";
import { AgendaItemForm, MoveForm } from "~/modules/council/council.schema";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import councilCss from "~/styles/council.css?url";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["council"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilCss }];

/** The meeting, or a 404 for anyone who may not read it (a closed meeting is not told apart from a missing one). */
async function meetingOr404(request: Request, id: string | undefined) {
  const meeting = findMeeting(requireId(id));
  if (!meeting || !can(await getUser(request), "meeting:read", meeting)) throw new Response("Not Found", { status: 404 });
  return meeting;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const meeting = await meetingOr404(request, params.meeting);
  const user = await getUser(request);
  const canManage = can(user, "meeting:manage");
  const open = takesAgendaItems(meeting, new Date());
  return {
    meeting: { id: meeting.id, body: meeting.body, title: meeting.title, startsAt: meeting.startsAt, place: meeting.place, isPublic: meeting.isPublic },
    agenda: meetingAgenda(meeting.id),
    canManage,
    canDecide: can(user, "council:record-decision"),
    canBrief: can(user, "council:brief"),
    open,
    placeable: canManage && open ? placeableTopics(meeting.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const meeting = await meetingOr404(request, params.meeting);
  const user = await requireUserWithPermission(request, "meeting:manage");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  if (form.get("intent") === "move") {
    const parsed = parseForm(form, MoveForm, t);
    if (!parsed.ok) return formFailure(parsed);
    const result = moveAgendaItem(user, meeting.id, parsed.data.itemId, parsed.data.direction);
    if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: {} }, { status: 422 });
    return redirectWithToast(`/meetings/${meeting.id}#agenda`, { type: "success", message: "council.agenda.moved" });
  }
  const parsed = parseForm(form, AgendaItemForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = placeOnAgenda(user, meeting.id, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: parsed.data as unknown as Record<string, string> }, { status: 422 });
  return redirectWithToast(`/meetings/${meeting.id}#agenda`, { type: "success", message: "council.agenda.added" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? t("council.meeting.heading", { title: loaded.meeting.title, date: new Date(loaded.meeting.startsAt).toISOString().slice(0, 10) }) : null), "council.meetings.title");

export default function MeetingPage() {
  const { meeting, agenda, canManage, canDecide, canBrief, open, placeable } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const words = useMeetingWords();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string | number | undefined>;
  const labels = { topicId: t("council.agenda.topic"), title: t("council.agenda.title"), description: t("council.agenda.description") };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/meetings">{t("council.meeting.backToList")}</Link>
      </Paragraph>
      <Heading level={1}>{t("council.meeting.heading", { title: meeting.title, date: words.date(meeting.startsAt) })}</Heading>
      <Paragraph>{t("council.meeting.details", { body: words.body(meeting.body), date: words.date(meeting.startsAt), time: words.time(meeting.startsAt), place: meeting.place })}</Paragraph>
      {meeting.isPublic ? null : <Alert type="warning">{t("council.meeting.closedNotice")}</Alert>}
      <Heading level={2} id="agenda">
        {t("council.meeting.agenda")}
      </Heading>
      {agenda.length === 0 ? (
        <Paragraph>{t("council.meeting.agendaEmpty")}</Paragraph>
      ) : (
        <ol className="inspraak-council-agenda">
          {agenda.map((item, index) => {
            const title = item.topicId !== null ? (item.topicTitle ?? "") : (item.title ?? "");
            return (
              <li key={item.id}>
                <Heading level={3}>
                  {t("council.agenda.item", { number: item.position })}: {item.path ? <Link to={item.path}>{title}</Link> : title}
                </Heading>
                {item.description ? <Paragraph>{item.description}</Paragraph> : null}
                {item.decision ? (
                  <Paragraph>
                    <StatusBadge tone="success">{t("council.agenda.decided", { decision: t(`council.decision.${item.decision}`) })}</StatusBadge>
                  </Paragraph>
                ) : null}
                <div className="inspraak-council-actions">
                  {canBrief && item.topicId !== null ? (
                    <Link to={`/council/${item.topicId}`}>{t("council.agenda.dossier", { title })}</Link>
                  ) : null}{" "}
                  {canDecide && item.decidable ? (
                    <Link to={`/meetings/${meeting.id}/items/${item.id}/decision`}>{t("council.agenda.recordDecision", { title })}</Link>
                  ) : null}
                </div>
                {canManage && open ? (
                  <div className="inspraak-inline-form">
                    {index > 0 ? (
                      <Form method="post" className="inspraak-inline-form">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="direction" value="up" />
                        <Button appearance="secondary" aria-label={t("council.agenda.up", { title })}>
                          ↑
                        </Button>
                      </Form>
                    ) : null}
                    {index < agenda.length - 1 ? (
                      <Form method="post" className="inspraak-inline-form">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="direction" value="down" />
                        <Button appearance="secondary" aria-label={t("council.agenda.down", { title })}>
                          ↓
                        </Button>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {canManage ? (
        <section aria-labelledby="add-item-heading" className="inspraak-section">
          <Heading level={2} id="add-item-heading">
            {t("council.agenda.add")}
          </Heading>
          {open ? (
            <>
              <Paragraph>{t("council.agenda.addIntro")}</Paragraph>
              <ErrorSummary errors={errors} labels={labels} />
              <Form method="post" className="inspraak-form" noValidate>
                <input type="hidden" name="intent" value="add-item" />
                <SelectField
                  name="topicId"
                  label={labels.topicId}
                  error={errors?.topicId}
                  defaultValue={values.topicId !== undefined ? String(values.topicId) : ""}
                  options={[{ value: "", label: t("council.agenda.topicNone") }, ...placeable.map((p) => ({ value: String(p.id), label: p.title }))]}
                />
                <TextField name="title" label={labels.title} error={errors?.title} defaultValue={typeof values.title === "string" ? values.title : undefined} maxLength={LIMITS.titleMax} optional />
                <TextArea name="description" label={labels.description} error={errors?.description} defaultValue={typeof values.description === "string" ? values.description : undefined} maxLength={LIMITS.descriptionMax} rows={3} optional />
                <Button>{t("council.agenda.submit")}</Button>
              </Form>
            </>
          ) : (
            <>
              {errors ? <ErrorSummary errors={errors} labels={labels} /> : null}
              <Paragraph>{t("council.agenda.closedForItems")}</Paragraph>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
