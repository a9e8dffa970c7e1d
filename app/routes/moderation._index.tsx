import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, KeysetPagination, Link, Paragraph, RichText, StatusBadge } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { RadioGroup, TextAreaField } from "~/modules/participation/components/fields";
import { ModerationNav } from "~/modules/participation/components/ModerationNav";
import { DecisionSchema, QueueQuery } from "~/modules/participation/moderation.schema";
import { MODERATION_REASON_MAX, waitingTime } from "~/modules/participation/moderation.rules";
import { decideModeration } from "~/modules/participation/moderation.server";
import { FLAGGED_KEY_TYPES, HIDDEN_KEY_TYPES, listModerationQueue, type QueueItem } from "~/modules/participation/moderation.queue.server";
import { readCursor } from "~/utils/keyset.server";
import { MODERATION_REFUSAL_MESSAGES } from "~/modules/participation/moderation.refusals";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalMessage } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins reach this page through the shell's moderation link; their part of it is the audit log.
  const viewer = await getUser(request);
  if (viewer && !can(viewer, "moderation:act") && can(viewer, "audit:read")) throw redirect("/audit");
  const user = await requireUserWithPermission(request, "moderation:act");
  const params = new URL(request.url).searchParams;
  const query = QueueQuery.parse(Object.fromEntries(params));
  const queue = listModerationQueue(user, query.view, { cursor: readCursor(params, query.view === "hidden" ? HIDDEN_KEY_TYPES : FLAGGED_KEY_TYPES) });
  return { ...queue, view: query.view, now: Date.now() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderation:act");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const view = form.get("view") === "hidden" ? "hidden" : "flagged";
  const key = `${String(form.get("targetType") ?? "")}-${String(form.get("targetId") ?? "")}`;
  const parsed = parseForm(form, DecisionSchema, t);
  if (!parsed.ok) {
    const tampered = parsed.errors.targetId ?? parsed.errors.targetType;
    return data({ ok: false as const, key, message: tampered ?? null, errors: tampered ? {} : parsed.errors, values: parsed.values }, { status: tampered ? 404 : 400 });
  }
  const result = decideModeration(user, parsed.data);
  if (!result.ok) {
    return data(
      { ok: false as const, key, message: t(refusalMessage(result, MODERATION_REFUSAL_MESSAGES)), errors: {}, values: { decision: parsed.data.decision, reason: parsed.data.reason } },
      { status: result.reason === "target-not-found" ? 404 : 422 },
    );
  }
  return redirectWithToast(view === "hidden" ? "/moderation?view=hidden" : "/moderation", { type: "success", message: "moderation.decision.done" });
}

export const meta = pageTitle("moderation.queue.title");

export default function ModerationQueue() {
  const { items, total, more, next, prev, view, now } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, number } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("moderation.queue.title")}</Heading>
      <ModerationNav moderate />
      <Paragraph>{t("moderation.queue.intro")}</Paragraph>
      <nav aria-label={t("moderation.queue.views")} className="inspraak-discussions-sort">
        <span>{t("moderation.queue.views")}:</span>
        <ul>
          <li>
            <Link to="/moderation" aria-current={view === "flagged" ? "page" : undefined}>
              {t("moderation.queue.view.flagged")}
            </Link>
          </li>
          <li>
            <Link to="/moderation?view=hidden" aria-current={view === "hidden" ? "page" : undefined}>
              {t("moderation.queue.view.hidden")}
            </Link>
          </li>
        </ul>
      </nav>
      {failure?.message && !items.some((i) => i.key === failure.key) ? <Alert type="error">{failure.message}</Alert> : null}
      {items.length === 0 ? (
        <Paragraph>{t(view === "flagged" ? "moderation.queue.emptyFlagged" : "moderation.queue.emptyHidden")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t(more ? "moderation.queue.totalMore" : "moderation.queue.total", { count: number(total) })}</Paragraph>
          <ol className="inspraak-discussions-queue">
            {items.map((item) => (
              <QueueEntry key={item.key} item={item} view={view} now={now} failure={failure?.key === item.key ? failure : undefined} />
            ))}
          </ol>
        </>
      )}
      <KeysetPagination prev={prev} next={next} query={view === "hidden" ? new URLSearchParams({ view }) : undefined} />
    </div>
  );
}

function QueueEntry({
  item,
  view,
  now,
  failure,
}: {
  item: QueueItem;
  view: string;
  now: number;
  failure?: { message: string | null; errors: Record<string, string>; values: Record<string, string> };
}) {
  const { t, date, number } = useT();
  const title =
    item.targetType === "comment"
      ? t("moderation.item.comment", { title: item.topic.title })
      : t("moderation.item.topic", { kind: t(item.topic.kindLabel), title: item.topic.title });
  const waiting = item.firstFlaggedAt ? waitingTime(now - new Date(item.firstFlaggedAt).getTime()) : null;
  const link = item.targetType === "comment" ? `${item.topic.path}#comment-${item.targetId}` : item.topic.path;
  const ids = { decision: `${item.key}-decision`, reason: `${item.key}-reason` };
  return (
    <li className="inspraak-discussions-queue-item">
      <article aria-labelledby={`${item.key}-title`} className="inspraak-stack">
        <Heading level={2} id={`${item.key}-title`}>
          {title}
        </Heading>
        <Paragraph>
          {t("moderation.item.author", { name: item.authorName ?? t("topic.deletedParticipant") })}
          {item.openFlags > 0 ? <> · {t("moderation.item.flags", { count: number(item.openFlags) })}</> : null}
          {waiting ? (
            <>
              {" · "}
              <time dateTime={item.firstFlaggedAt!} title={date(item.firstFlaggedAt!, "datetime")}>
                {t(`moderation.item.waiting.${waiting.unit}`, { count: number(waiting.count) })}
              </time>
            </>
          ) : null}
        </Paragraph>
        <Paragraph>
          {item.hiddenBy ? <StatusBadge tone="warning">{t(`moderation.item.hiddenBy.${item.hiddenBy}`)}</StatusBadge> : null}{" "}
          {item.topic.locked ? <StatusBadge>{t("moderation.item.locked")}</StatusBadge> : null}
        </Paragraph>
        <div className="inspraak-discussions-excerpt">
          {item.excerptHtml !== null ? <RichText html={item.excerptHtml} /> : <Paragraph>{item.excerptText}</Paragraph>}
        </div>
        {item.reasons.length > 0 ? (
          <ul className="utrecht-unordered-list">
            {item.reasons.map((r) => (
              <li key={r.reason} className="utrecht-unordered-list__item">
                {t("moderation.item.reason", { reason: t(`moderation.flag.reason.${r.reason}`), count: number(r.count) })}
              </li>
            ))}
          </ul>
        ) : null}
        {item.notes.length > 0 ? (
          <>
            <Heading level={3}>{t("moderation.item.notes")}</Heading>
            <ul className="utrecht-unordered-list">
              {item.notes.map((note, i) => (
                <li key={i} className="utrecht-unordered-list__item">
                  {note}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <Paragraph>
          <Link to={link}>
            {t("moderation.item.view")}
            <span className="inspraak-visually-hidden">: {title}</span>
          </Link>
          {item.mayBlockAuthor && item.authorId ? (
            <>
              {" · "}
              <Link to={`/moderation/blocks?user=${encodeURIComponent(item.authorId)}`}>{t("moderation.item.blockAuthor", { name: item.authorName ?? "" })}</Link>
            </>
          ) : null}
        </Paragraph>
        <Form method="post" className="inspraak-form" id={`${item.key}-form`} noValidate>
          {failure?.message ? <Alert type="error">{failure.message}</Alert> : null}
          <ErrorSummary errors={failure?.errors} ids={ids} headingId={`${item.key}-errors`} />
          <input type="hidden" name="targetType" value={item.targetType} />
          <input type="hidden" name="targetId" value={item.targetId} />
          <input type="hidden" name="view" value={view} />
          <RadioGroup
            idPrefix={ids.decision}
            name="decision"
            legend={t("moderation.decision.legend", { item: title })}
            defaultValue={failure?.values.decision}
            error={failure?.errors.decision}
            options={item.decisions.map((d) => ({ value: d, label: t(`moderation.decision.${d}`) }))}
          />
          <TextAreaField
            id={ids.reason}
            name="reason"
            label={t("moderation.decision.reason")}
            error={failure?.errors.reason}
            defaultValue={failure?.values.reason}
            maxLength={MODERATION_REASON_MAX}
            rows={3}
            required
          />
          <Button>
            {t("moderation.decision.submit")}
            <span className="inspraak-visually-hidden">: {title}</span>
          </Button>
        </Form>
      </article>
    </li>
  );
}
