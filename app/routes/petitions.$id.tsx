import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ButtonGroup, ButtonLink, Cell, DataList, Heading, Link, Paragraph, RichText, RowHeader, Table, TableRow, TextField } from "~/components/ui";
import { FollowButton, OutcomeBlock, Timeline } from "~/components/topic";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/translate";
import { SignatureChart, type ChartDay } from "~/modules/petitions/components/chart";
import { SignSection, type SignFormState } from "~/modules/petitions/components/sign-form";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { daysBetween, localDay } from "~/utils/local-time";
import { isSignable, progressPercent, showsSignatureCount, SIGNER_NAMES_PARAMS, thresholdsAhead } from "~/modules/petitions/petitions.rules";
import { GuestSignatureForm } from "~/modules/petitions/petitions.schema";
import { readCursor } from "~/utils/keyset.server";
import { submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import {
  findOwnSignature,
  NAMES_KEY_TYPES,
  publicSignerNames,
  signaturesByNeighbourhood,
  signaturesOverTime,
} from "~/modules/petitions/petitions.queries.server";
import { findPetition, ownText, petitionResource, type PetitionRecord } from "~/modules/petitions/petitions.server";
import { accountPostcode, signPetitionAsGuest, withdrawSignature } from "~/modules/petitions/petitions.signing.server";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { CommentSection, commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { petitionSignatures } from "~/modules/petitions/petitions.support.server";
import { answerResponse, outcomeAnswer } from "~/modules/support/support.answer.server";
import { getSetting } from "~/modules/settings/settings.server";
import { authorName, getOutcomeBlock, isFollowing, listTimeline } from "~/modules/topics/topics.server";
import { getUser, requirePermission, requireUserWithPermission } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import { clientIp } from "~/utils/rate-limit.server";
import { peekToast, redirectWithToast } from "~/utils/toast.server";
import petitionsCss from "~/styles/petitions.css?url";
import { pageTitle, topicTitle } from "~/utils/meta";
import { petitionKind } from "~/modules/petitions/petitions.kind";
import type { MessagesHandle } from "~/i18n/translate";

// The busiest public page sends only the corners of the large petition and moderation catalogues it
// uses (tests/unit/platform/page-messages.test.ts keeps the list complete).
export const handle: MessagesHandle = {
  i18n: [
    "comment",
    "outcome",
    "timeline",
    "moderation.flag.",
    "petition.sign.",
    "petition.chart.",
    "petition.page.",
    "petition.preview.",
    "petition.neighbourhoods.",
    "petition.error.",
    "petition.withheld.",
    "petition.names.",
    "petition.share.",
    "petition.rejected.",
    "petition.rejection.",
    "petition.progress.",
    "petition.openData.",
    "petition.count.",
    "petition.confirm.",
    "petition.status.",
    "petition.backToList",
    "petition.list.queryTooLong",
    "petition.manage.link",
    "petition.submit.done",
  ],
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionsCss }, ...commentSectionLinks()];

/** The petition, or a 404 for anyone who may not see it (a draft, a hidden one, a tampered id). */
async function loadReadable(request: Request, idParam: string | undefined) {
  const topicId = requireId(idParam);
  const petition = findPetition(topicId);
  const user = await getUser(request);
  if (!petition || !can(user, "petition:read", petitionResource(petition))) throw new Response("Not Found", { status: 404 });
  return { petition, user };
}

/** Cumulative signatures for every day from publication until today or the close. */
function chartDays(p: PetitionRecord, now: Date): ChartDay[] {
  const counts = signaturesOverTime(p.id);
  if (!p.publishedAt && counts.length === 0) return [];
  const start = [p.publishedAt ? localDay(p.publishedAt) : counts[0]!.day, counts[0]?.day ?? "9999"].sort()[0]!;
  const end = localDay(p.closedAt && p.closedAt < now ? p.closedAt : now);
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  let total = 0;
  return daysBetween(start, end < start ? start : end).map((day) => {
    const count = byDay.get(day) ?? 0;
    total += count;
    return { day, count, total };
  });
}

/** The one-time messages of a confirmed guest signature (petitions.confirm.$token). */
const CONFIRMED_MESSAGES: readonly string[] = ["petition.confirm.done", "petition.confirm.already"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { petition: p, user } = await loadReadable(request, params.id);
  const { locale } = await getTranslator(request);
  const now = new Date();
  const url = new URL(request.url);
  const namesCursor = readCursor(url.searchParams, NAMES_KEY_TYPES, SIGNER_NAMES_PARAMS);
  const isAuthor = Boolean(user && p.authorId === user.id);
  const own = user ? findOwnSignature(user.id, p.id) : undefined;
  const signable = p.isPublic && isSignable(p, now);
  const postcode = user && user.emailVerified ? accountPostcode(user.id) : null;
  // A rejected petition's withheld text (offensive, someone's personal information) is shown to
  // its author alone, with a line saying so; everyone else sees "Rejected petition 12".
  const text = !p.hideText || isAuthor ? ownText(p) : null;
  const rejected = p.status === "rejected";
  const sign: SignFormState = {
    topicId: p.id,
    signable,
    closedReason: signable ? null : p.status === "rejected" ? "petition.sign.rejected" : p.isPublic ? "petition.sign.closed" : "petition.sign.notYetOpen",
    viewer: user ? { emailVerified: user.emailVerified, blocked: user.blocked } : null,
    own: own ? { status: own.status, confirmedAt: own.confirmedAt } : null,
    municipality: getSetting("municipalityName"),
    accountPostcode: postcode ? `${postcode.slice(0, 4)} ${postcode.slice(4)}` : null,
    signInHref: `/sign-in?redirectTo=${encodeURIComponent(`/petitions/${p.id}`)}`,
    // The confirmation link's thanks arrives as the one-time message; a guest has no other trace here.
    justConfirmed: !user && CONFIRMED_MESSAGES.includes((await peekToast(request))?.message ?? ""),
  };
  const timeline = listTimeline(p.id).map((e) =>
    e.type === "scheduled" && typeof e.data.date === "string" ? { ...e, data: { ...e.data, date: formatDate(locale, new Date(e.data.date)) } } : e,
  );
  const page = {
    petition: {
      id: p.id,
      title: text ? text.title : null,
      request: text ? text.request : null,
      bodyHtml: text ? text.bodyHtml : "",
      withheldFromPublic: p.hideText,
      status: p.status,
      isPublic: p.isPublic,
      hidden: p.hidden,
      supportCount: p.supportCount,
      responseThreshold: p.responseThreshold,
      debateThreshold: p.debateThreshold,
      closesAt: p.closesAt,
      closedAt: p.closedAt,
      publishedAt: p.publishedAt,
      createdAt: p.createdAt,
      rejectionCode: p.rejectionCode,
      rejectionNote: p.rejectionNote,
      debateScheduledFor: p.debateScheduledFor,
      sponsorsRequired: p.sponsorsRequired,
      sponsorCount: p.sponsorCount,
      requestedClosesAt: p.requestedClosesAt,
    },
    authorName: authorName(p.authorId),
    isAuthor,
    canEdit: can(user, "petition:edit", petitionResource(p)),
    canManage: can(user, "petition:moderate") || can(user, "petition:record-outcome"),
    canFollow: Boolean(user) && can(user, "topic:follow", p),
    showCount: showsSignatureCount(p),
    thresholdsAhead: thresholdsAhead(p),
    following: user ? isFollowing(user.id, p.id) : false,
    sponsorUrl: isAuthor && p.status === "awaiting-sponsors" && p.sponsorToken ? `${env().BASE_URL}/petitions/${p.id}/sponsor?token=${p.sponsorToken}` : null,
    shareUrl: `${env().BASE_URL}/petitions/${p.id}`,
    // The signature sections (share, chart, neighbourhoods, names) mean nothing on a rejected petition.
    showSignatures: p.isPublic && !rejected,
    chart: p.isPublic && !rejected ? chartDays(p, now) : [],
    neighbourhoods: p.isPublic && !rejected ? signaturesByNeighbourhood(p.id) : [],
    names: p.isPublic && !rejected ? publicSignerNames(p.id, namesCursor) : { names: [], next: null, prev: null },
    // The open data routes answer only what the public may read.
    openData: can(null, "petition:read", petitionResource(p)),
    timeline,
    outcome: getOutcomeBlock(p.id),
    // Arguments for and against, on every public petition whose text is shown.
    comments: p.isPublic && !p.hideText ? loadCommentThread(p.id, user, url.searchParams, now) : null,
    canFlag: Boolean(user) && p.isPublic && !p.hideText && p.authorId !== user?.id && can(user, "flag:create"),
    sign,
    now: now.getTime(),
  };
  // Anonymous visitors all see the same page: let the server keep it for 2 seconds.
  return data(page, { headers: user ? undefined : { "X-Inspraak-Microcache": "2" } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  const seconds = loaderHeaders.get("X-Inspraak-Microcache");
  if (seconds) headers.set("X-Inspraak-Microcache", seconds);
  return headers;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { petition: p } = await loadReadable(request, params.id);
  const { t, locale } = await getTranslator(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const values = { intent: typeof intent === "string" ? intent : "" };
  const refusal = (reason: MessageKey, field = "form", status = 422) =>
    formFailure({ errors: { [field]: t(reason) }, values: { ...values, ...Object.fromEntries([...form].filter(([k, v]) => typeof v === "string" && k !== "intent") as Array<[string, string]>) } }, status);

  if (intent === "sign") {
    const user = await requirePermission(request, "petition:sign", petitionResource(p));
    if (user && user.emailVerified) {
      const parsed = petitionSignatures.parse(user, form, t);
      if (!parsed.ok) return formFailure(parsed);
      const outcome = await petitionSignatures.supportTogether(user, p, parsed.data);
      // A problem with one field is shown beside it; every other answer is the one-click button's own.
      if (!outcome.ok && outcome.field) return refusal(outcome.reason, outcome.field);
      return answerResponse(await outcomeAnswer(petitionSignatures, p.id, outcome));
    }
    const parsed = parseForm(form, GuestSignatureForm, t);
    if (!parsed.ok) return formFailure(parsed);
    const result = await signPetitionAsGuest({ topicId: p.id, ...parsed.data, locale, ip: clientIp(request) });
    if (!result.ok) return refusal(result.reason, result.field, result.reason === "form.rateLimited" ? 429 : 422);
    // The same answer whether or not this address signed before.
    return redirectWithToast(`/petitions/${p.id}`, { type: "info", message: "petition.sign.checkEmail" });
  }
  if (intent === "withdraw") {
    const user = await requireUserWithPermission(request, "petition:sign", petitionResource(p));
    const result = await withdrawSignature(user, p.id);
    if (!result.ok) return refusal(result.reason);
    return redirectWithToast(`/petitions/${p.id}`, { type: "success", message: "petition.sign.withdrawn" });
  }
  if (intent === "submit") {
    const user = await requireUserWithPermission(request, "petition:edit", petitionResource(p));
    const result = submitPetition(user, p.id);
    if (!result.ok) return refusal(result.reason);
    // The toast only says it worked; the preview box on the page says what happens next.
    return redirectWithToast(`/petitions/${p.id}`, { type: "success", message: "petition.submit.done" });
  }
  return refusal("form.unknownIntent", "form", 400);
}

export const meta = pageTitle<typeof loader>(
  ({ data: page, t }) => (page ? topicTitle(t, page.petition.title ?? t("petition.withheld.title", { id: page.petition.id }), petitionKind.label) : null),
  "topic.kind.petition",
);

export default function PetitionPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, number, date } = useT();
  const p = page.petition;
  const failure = actionData ? { errors: actionData.errors, values: actionData.values, intent: actionData.values?.intent } : undefined;
  const title = p.title ?? t("petition.withheld.title", { id: p.id });
  const unpublished = !p.isPublic;
  return (
    <article className="inspraak-stack inspraak-petitions-page" aria-labelledby="petition-title">
      <Paragraph>
        <Link to="/petitions">{t("petition.backToList")}</Link>
      </Paragraph>
      <Heading level={1} id="petition-title">
        {title}
      </Heading>
      <Paragraph>
        <PetitionStatusBadge status={p.status} />{" "}
        {page.authorName ? t("petition.page.by", { name: page.authorName }) : t("petition.page.byDeleted")}
      </Paragraph>

      {p.hidden ? <Alert type="warning">{t("topic.hidden")}</Alert> : null}
      {unpublished ? <PreviewPanel page={page} failure={failure} /> : null}

      {p.status === "rejected" && p.rejectionCode ? (
        <Alert type="warning" role="status">
          <strong>{t("petition.rejected.heading")}</strong> {t(`petition.rejection.${p.rejectionCode}`)}
          {p.rejectionNote ? <> {t("petition.rejected.note", { note: p.rejectionNote })}</> : null}
          {p.title === null ? <> {t("petition.withheld.explain")}</> : null}
          {p.title !== null && p.withheldFromPublic ? <> {t("petition.withheld.authorOnly")}</> : null}
        </Alert>
      ) : null}

      {p.request !== null ? (
        <section aria-labelledby="request-heading">
          <Heading level={2} id="request-heading">
            {t("petition.page.request")}
          </Heading>
          <Paragraph lead>{p.request}</Paragraph>
        </section>
      ) : null}
      {p.bodyHtml ? (
        <section aria-labelledby="background-heading">
          <Heading level={2} id="background-heading">
            {t("petition.page.background")}
          </Heading>
          <RichText html={p.bodyHtml} />
        </section>
      ) : null}

      {/* What became of it (the council's answer, the debate, next steps) is the news for a signer: right under the text. */}
      <OutcomeBlock block={page.outcome} now={page.now} />

      {!unpublished ? (
        <>
          {page.showCount ? (
          <section aria-labelledby="count-heading" className="inspraak-section">
            <Heading level={2} id="count-heading">
              {t("petition.count.heading")}
            </Heading>
            <Paragraph lead>
              <strong className="inspraak-petitions-count">{t("petition.count.signatures", { count: number(p.supportCount) })}</strong>
            </Paragraph>
            <Thresholds
              count={p.supportCount}
              response={page.thresholdsAhead.response ? p.responseThreshold : null}
              debate={page.thresholdsAhead.debate ? p.debateThreshold : null}
            />
            <DataList
              items={[
                ...(p.publishedAt ? [{ key: t("petition.page.published"), value: date(p.publishedAt) }] : []),
                ...(p.closesAt ? [{ key: p.closedAt ? t("petition.page.closedOn") : t("petition.page.closesOn"), value: date(p.closedAt ?? p.closesAt) }] : []),
                ...(p.debateScheduledFor ? [{ key: t("petition.page.debateOn"), value: date(p.debateScheduledFor) }] : []),
              ]}
            />
          </section>
          ) : null}

          <SignSection state={page.sign} failure={failure} />

          <ButtonGroup>
            {page.canFollow ? <FollowButton topicId={p.id} following={page.following} /> : null}
            {page.canFlag ? (
              <ButtonLink to={`/topics/${p.id}/flag`} appearance="subtle">
                {t("topic.flag")}
              </ButtonLink>
            ) : null}
          </ButtonGroup>

          {page.showSignatures ? (
            <>
              <section aria-labelledby="share-heading" className="inspraak-section">
                <Heading level={2} id="share-heading">
                  {t("petition.share.heading")}
                </Heading>
                <TextField name="share" label={t("petition.share.label")} readOnly value={page.shareUrl} className="inspraak-petitions-share" />
              </section>

              <section aria-labelledby="chart-heading" className="inspraak-section">
                <Heading level={2} id="chart-heading">
                  {t("petition.chart.heading")}
                </Heading>
                <SignatureChart days={page.chart} headingId="chart-heading" />
              </section>

              <NeighbourhoodTable rows={page.neighbourhoods} />
              <PublicNames names={page.names} />
            </>
          ) : null}
        </>
      ) : null}

      <Timeline events={page.timeline} />

      {page.comments ? <CommentSection thread={page.comments} topicId={p.id} /> : null}

      {page.openData ? (
        <Paragraph>
          <Link to={`/petitions/${p.id}/data.json`} reloadDocument>
            {t("petition.openData.json")}
          </Link>{" "}
          ·{" "}
          <Link to={`/petitions/${p.id}/data.csv`} reloadDocument>
            {t("petition.openData.csv")}
          </Link>
        </Paragraph>
      ) : null}
      {page.canManage ? (
        <Paragraph>
          <ButtonLink to={`/petitions/${p.id}/manage`} appearance="secondary">
            {t("petition.manage.link")}
          </ButtonLink>
        </Paragraph>
      ) : null}
    </article>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** What the petitioner sees before publication: the state of their draft and what they can do next. */
function PreviewPanel({ page, failure }: { page: PageData; failure?: { errors?: Record<string, string>; intent?: string } }) {
  const { t, date } = useT();
  const p = page.petition;
  const errors = failure?.intent === "submit" ? failure.errors : undefined;
  return (
    <section aria-labelledby="preview-heading" className="inspraak-section">
      <Heading level={2} id="preview-heading">
        {t("petition.preview.heading")}
      </Heading>
      <Alert type="info">{t(`petition.preview.${p.status === "draft" ? "draft" : p.status === "awaiting-sponsors" ? "awaitingSponsors" : "submitted"}`)}</Alert>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      {p.requestedClosesAt ? <Paragraph>{t("petition.preview.requestedDeadline", { date: date(p.requestedClosesAt) })}</Paragraph> : null}
      {p.status === "awaiting-sponsors" ? (
        <Paragraph>{t("petition.preview.sponsorCount", { count: p.sponsorCount, required: p.sponsorsRequired })}</Paragraph>
      ) : null}
      {page.sponsorUrl ? (
        <TextField name="sponsorLink" label={t("petition.preview.sponsorLink")} readOnly value={page.sponsorUrl} className="inspraak-petitions-share" />
      ) : null}
      {page.canEdit ? (
        <ButtonGroup>
          <ButtonLink to={`/petitions/${p.id}/edit`} appearance="secondary">
            {t("petition.preview.edit")}
          </ButtonLink>
          <Form method="post" className="inspraak-inline-form">
            <input type="hidden" name="intent" value="submit" />
            <Button>{t("petition.preview.submit")}</Button>
          </Form>
        </ButtonGroup>
      ) : null}
    </section>
  );
}

function Thresholds({ count, response, debate }: { count: number; response: number | null; debate: number | null }) {
  const { t, number } = useT();
  const bars = [
    response ? { id: "progress-response", label: t("petition.progress.response", { count: number(count), threshold: number(response) }), threshold: response } : null,
    debate ? { id: "progress-debate", label: t("petition.progress.debate", { count: number(count), threshold: number(debate) }), threshold: debate } : null,
  ].filter((b): b is { id: string; label: string; threshold: number } => Boolean(b));
  if (bars.length === 0) return null;
  return (
    <div className="inspraak-petitions-progress">
      {bars.map((bar) => (
        <div key={bar.id} className="inspraak-petitions-progress__item">
          <label htmlFor={bar.id} className="utrecht-form-label">
            {bar.label}
          </label>
          <progress id={bar.id} className="inspraak-petitions-progress__bar" max={bar.threshold} value={Math.min(count, bar.threshold)}>
            {progressPercent(count, bar.threshold)}%
          </progress>
        </div>
      ))}
    </div>
  );
}

function NeighbourhoodTable({ rows }: { rows: Array<{ neighbourhoodId: number; name: string | null; count: number }> }) {
  const { t, number } = useT();
  return (
    <section aria-labelledby="neighbourhoods-heading" className="inspraak-section">
      <Heading level={2} id="neighbourhoods-heading">
        {t("petition.neighbourhoods.heading")}
      </Heading>
      {rows.length === 0 ? (
        <Paragraph>{t("petition.neighbourhoods.empty")}</Paragraph>
      ) : (
        <Table caption={t("petition.neighbourhoods.caption")} columns={[t("petition.neighbourhoods.name"), { label: t("petition.neighbourhoods.count"), numeric: true }]}>
          {rows.map((row) => (
            <TableRow key={row.neighbourhoodId}>
              <RowHeader>{row.name ?? t("petition.neighbourhoods.outside")}</RowHeader>
              <Cell numeric>{number(row.count)}</Cell>
            </TableRow>
          ))}
        </Table>
      )}
    </section>
  );
}

function PublicNames({ names }: { names: { names: Array<{ id: number; name: string | null; confirmedAt: string | Date | null }>; next: string | null; prev: string | null } }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="names-heading" className="inspraak-section" id="names">
      <Heading level={2} id="names-heading">
        {t("petition.names.heading")}
      </Heading>
      {names.names.length === 0 ? (
        <Paragraph>{t("petition.names.empty")}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list inspraak-petitions-names">
          {names.names.map((n) => (
            <li key={n.id} className="utrecht-unordered-list__item">
              {/* A signer's name is isolated: its direction cannot spill into the date after it. */}
              <bdi>{n.name}</bdi>
              {n.confirmedAt ? <span className="inspraak-petitions-muted"> · {date(n.confirmedAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {names.prev || names.next ? (
        <nav className="utrecht-pagination" aria-label={t("petition.names.pagination")}>
          {names.prev ? (
            <Link to={`?${SIGNER_NAMES_PARAMS.before}=${names.prev}#names`} rel="prev">
              {t("pagination.previous")}
            </Link>
          ) : null}{" "}
          {names.next ? (
            <Link to={`?${SIGNER_NAMES_PARAMS.after}=${names.next}#names`} rel="next">
              {t("pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

