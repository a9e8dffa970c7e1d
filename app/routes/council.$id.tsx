import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ButtonLink, Cell, ErrorSummary, Heading, Link, Paragraph, RichText, RowHeader, SelectField, StatusBadge, Table, TableRow, TextArea } from "~/components/ui";
import { Timeline } from "~/components/topic";
import { POSITION_VISIBILITIES } from "#db/schema/council.constants";
import { useMeetingWords } from "~/modules/council/components/meeting";
import { loadDossier } from "~/modules/council/council.briefing.server";
import { markReviewed, writePosition } from "~/modules/council/council.positions.server";
import { LIMITS } from "~/modules/council/council.rules";
import { PositionForm } from "~/modules/council/council.schema";
import { kindLabels } from "~/modules/council/council.words";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import councilCss from "~/styles/council.css?url";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["council", "topic", "timeline", "outcome"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:brief");
  const dossier = loadDossier(requireId(params.id), { id: user.id, mayReadInternal: can(user, "council:read-internal") });
  // The one read rule: a draft or a hidden topic is no one's dossier but its author's and staff's.
  if (!dossier || !can(user, "topic:read", dossier.topic)) throw new Response("Not Found", { status: 404 });
  return { ...dossier, kinds: kindLabels(), canPosition: can(user, "council:position"), viewerId: user.id, now: new Date() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:position");
  const topicId = requireId(params.id);
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  if (form.get("intent") === "reviewed") {
    const result = markReviewed(user, topicId);
    if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: {} }, { status: 422 });
    return redirectWithToast(`/council/${topicId}`, { type: "success", message: "council.dossier.reviewedSaved" });
  }
  const parsed = parseForm(form, PositionForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = writePosition(user, topicId, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values: parsed.data as unknown as Record<string, string> }, { status: 422 });
  return redirectWithToast(`/council/${topicId}#positions`, { type: "success", message: "council.dossier.positionSaved" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? t("council.dossier.title", { title: loaded.topic.title }) : null), "council.briefing.title");

export default function Dossier() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, number, date } = useT();
  const words = useMeetingWords();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const mine = d.positions.find((p) => p.councillorId === d.viewerId);
  const meeting = d.meetings[0];
  const kindLabel = d.kinds[d.topic.kind];
  return (
    <article className="inspraak-stack inspraak-council-dossier" aria-labelledby="dossier-title">
      <Paragraph className="inspraak-council-screen-only">
        <Link to="/council">{t("council.briefing.title")}</Link>
      </Paragraph>
      <Paragraph lead>
        {t("council.dossier.print")}
        {meeting ? ` · ${t("council.briefing.meeting", { meeting: meeting.title, date: words.date(meeting.startsAt), number: meeting.position })}` : ` · ${t("council.briefing.notOnAgenda")}`}
      </Paragraph>
      <Heading level={1} id="dossier-title">
        {t("council.dossier.title", { title: d.topic.title })}
      </Heading>
      <Paragraph>
        <StatusBadge>{kindLabel ? t(kindLabel) : d.topic.kind}</StatusBadge> {d.topic.supported ? <>{t("council.briefing.support", { count: d.topic.supportCount })} · </> : null}
        {t("council.dossier.generated", { date: date(d.now) })}
      </Paragraph>
      <div className="inspraak-council-screen-only">
        <ButtonLink to={`/council/${d.topic.id}/pdf`} reloadDocument appearance="secondary">
          {t("council.dossier.pdf")}
        </ButtonLink>{" "}
        <Link to={d.topic.path}>{t("council.dossier.open")}</Link>
      </div>
      {d.awaiting ? null : <Alert type="info">{t("council.dossier.notAwaiting")}</Alert>}
      {d.admissibility ? <Paragraph>{t("council.briefing.admissibility", { note: d.admissibility })}</Paragraph> : null}

      <Heading level={2}>{t("council.dossier.summary")}</Heading>
      <Paragraph>{d.topic.summary}</Paragraph>
      <RichText html={d.topic.bodyHtml} />

      <Heading level={2}>{t("council.dossier.supportOverTime")}</Heading>
      {d.overTime.length === 0 ? (
        <Paragraph>{t("council.briefing.spreadNone")}</Paragraph>
      ) : (
        <Table caption={t("council.dossier.supportOverTime")} columns={[t("council.dossier.day"), { label: t("council.dossier.count"), numeric: true }]}>
          {d.overTime.map((row) => (
            <TableRow key={row.day}>
              <RowHeader>{date(row.day)}</RowHeader>
              <Cell numeric>{number(row.count)}</Cell>
            </TableRow>
          ))}
        </Table>
      )}

      <Heading level={2}>{t("council.briefing.spread")}</Heading>
      {d.spread.length === 0 ? (
        <Paragraph>{t("council.briefing.spreadNone")}</Paragraph>
      ) : (
        <Table caption={t("council.briefing.spread")} columns={[t("council.dossier.neighbourhood"), { label: t("council.dossier.count"), numeric: true }, { label: t("council.dossier.share"), numeric: true }]}>
          {d.spread.map((row) => (
            <TableRow key={row.name ?? "-"}>
              <RowHeader>{row.name ?? "–"}</RowHeader>
              <Cell numeric>{number(row.count)}</Cell>
              <Cell numeric>{number(row.percent)}%</Cell>
            </TableRow>
          ))}
        </Table>
      )}

      <Heading level={2}>{t("council.dossier.stances")}</Heading>
      <Paragraph>{t("council.dossier.stanceCount", { for: number(d.stances.for), against: number(d.stances.against) })}</Paragraph>
      {(["for", "against"] as const).map((side) => (
        <section key={side} aria-labelledby={`arguments-${side}`}>
          <Heading level={3} id={`arguments-${side}`}>
            {t(side === "for" ? "council.briefing.for" : "council.briefing.against")}
          </Heading>
          {d.arguments[side].length === 0 ? (
            <Paragraph>{t("council.briefing.noArguments")}</Paragraph>
          ) : (
            <ol className="utrecht-ordered-list">
              {d.arguments[side].map((a) => (
                <li key={a.id} className="utrecht-ordered-list__item">
                  <RichText html={a.bodyHtml} /> ({t("council.briefing.upvotes", { count: a.upvoteCount })})
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}

      <Heading level={2}>{t("council.dossier.related")}</Heading>
      {d.related.length === 0 ? (
        <Paragraph>{t("council.dossier.relatedNone")}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {d.related.map((r) => (
            <li key={r.id} className="utrecht-unordered-list__item">
              <Link to={r.path}>{r.title}</Link>
            </li>
          ))}
        </ul>
      )}

      <Heading level={2}>{t("council.dossier.history")}</Heading>
      <Timeline events={d.history} />

      <Heading level={2} id="positions">
        {t("council.dossier.positions")}
      </Heading>
      {d.positions.length === 0 ? (
        <Paragraph>{t("council.dossier.positionsNone")}</Paragraph>
      ) : (
        d.positions.map((p) => (
          <section key={p.id} aria-label={p.name ?? t("topic.deletedParticipant")}>
            <Paragraph>
              <strong>{p.name ?? t("topic.deletedParticipant")}</strong> <StatusBadge tone="active">{t("council.badge.councillor")}</StatusBadge>{" "}
              <StatusBadge tone={p.visibility === "internal" ? "warning" : "neutral"}>{t(p.visibility === "internal" ? "council.dossier.internal" : "council.dossier.public")}</StatusBadge>
            </Paragraph>
            <RichText html={p.bodyHtml} />
          </section>
        ))
      )}

      {d.canPosition && d.awaiting ? (
        <section aria-labelledby="write-position" className="inspraak-council-screen-only">
          <Heading level={3} id="write-position">
            {t("council.dossier.writePosition")}
          </Heading>
          <ErrorSummary errors={errors} labels={{ body: t("council.dossier.positionBody"), visibility: t("council.dossier.visibility") }} />
          <Form method="post" className="inspraak-form" noValidate>
            <input type="hidden" name="intent" value="position" />
            <TextArea name="body" label={t("council.dossier.positionBody")} error={errors?.body} defaultValue={values.body ?? mine?.body} maxLength={LIMITS.positionMax} rows={6} aria-required />
            <SelectField
              name="visibility"
              label={t("council.dossier.visibility")}
              error={errors?.visibility}
              defaultValue={values.visibility ?? "public"}
              options={POSITION_VISIBILITIES.map((v) => ({ value: v, label: t(v === "public" ? "council.dossier.visibilityPublic" : "council.dossier.visibilityInternal") }))}
            />
            <Button>{t("council.dossier.savePosition")}</Button>
          </Form>
          {d.reviewedAt ? (
            <Paragraph>{t("council.dossier.reviewedOn", { date: date(d.reviewedAt) })}</Paragraph>
          ) : (
            <Form method="post" className="inspraak-inline-form">
              <input type="hidden" name="intent" value="reviewed" />
              <Button appearance="secondary">{t("council.dossier.markReviewed")}</Button>
            </Form>
          )}
        </section>
      ) : null}
    </article>
  );
}
