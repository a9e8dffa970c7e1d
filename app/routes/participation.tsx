import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert, Button, Heading, KeysetPagination, Link, Paragraph, SelectField, StatusBadge } from "~/components/ui";
import { listParticipation, markParticipationSeen, participationWords, PARTICIPATION_KEY } from "~/modules/topics/participations.server";
import { isRegisteredKind, registeredKinds } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { requireUserWithPermission } from "~/utils/auth.server";
import { fields, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["participation", "topic.nextStep."] };

// Only the kinds this platform runs: any other value is no filter (the whole list), never an error page.
const ListQuery = z.object({ kind: z.string().refine(isRegisteredKind).optional().catch(undefined) });

const SeenForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("seen"), topicId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  z.object({ intent: z.literal("all-seen") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "participation:read-own");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const { kind } = ListQuery.parse(Object.fromEntries(url.searchParams));
  const page = listParticipation(user, { kind: kind ?? null, cursor: readCursor(url.searchParams, PARTICIPATION_KEY) });
  // Named on the server, so the page does not send every kind's messages for a few badges.
  const items = page.rows.map((item) => ({ ...item, ...participationWords(t, item), path: topicPath({ id: item.topicId, kind: item.kind }) }));
  return {
    items,
    next: page.next,
    prev: page.prev,
    kind: kind ?? null,
    kinds: registeredKinds().map((manifest) => ({ kind: manifest.kind, label: t(`topic.kind.${manifest.kind}`) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "participation:read-own");
  const parsed = SeenForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw data("Bad Request", { status: 400 });
  const back = new URL(request.url);
  const result = markParticipationSeen(user.id, parsed.data.intent === "seen" ? parsed.data.topicId : null);
  if (!result.ok) return redirectWithToast(`/participation${back.search}`, { type: "error", message: result.reason }, { status: 303 });
  return redirectWithToast(`/participation${back.search}`, { type: "success", message: parsed.data.intent === "seen" ? "participation.seen" : "participation.allSeen" });
}

export const meta = pageTitle("participation.title");

export default function Participation() {
  const { items, next, prev, kind, kinds } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const query = new URLSearchParams(kind ? { kind } : {});
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("participation.title")}</Heading>
      <Paragraph lead>{t("participation.intro")}</Paragraph>
      <Form method="get" className="inspraak-form">
        <SelectField
          name="kind"
          label={t("participation.kindFilter")}
          defaultValue={kind ?? ""}
          options={[{ value: "", label: t("participation.kindAll") }, ...kinds.map((k) => ({ value: k.kind, label: k.label }))]}
        />
        <Button appearance="secondary">{t("participation.filter")}</Button>
      </Form>
      {items.length === 0 ? (
        <Alert type="info">{t("participation.empty")}</Alert>
      ) : (
        <>
          {items.some((item) => item.unread) ? (
            <Form method="post">
              <input type="hidden" name="intent" value="all-seen" />
              <Button appearance="secondary">{t("participation.markAllSeen")}</Button>
            </Form>
          ) : null}
          <ul className="utrecht-unordered-list inspraak-participation" aria-label={t("participation.listLabel")}>
            {items.map((item) => (
              <li key={item.topicId} className="utrecht-unordered-list__item">
                <Heading level={2}>
                  <Link to={item.path}>{item.title}</Link>
                </Heading>
                <Paragraph>
                  <StatusBadge>{item.kindLabel}</StatusBadge> {item.statusLabel ? <StatusBadge>{item.statusLabel}</StatusBadge> : null}{" "}
                  {item.unread ? <StatusBadge tone="active">{t("participation.unread")}</StatusBadge> : null}
                </Paragraph>
                <Paragraph>{t("participation.ways", { ways: item.wayLabels.join(", ") })}</Paragraph>
                <Paragraph>
                  {t("participation.changedAt", { date: date(item.changedAt, "datetime") })}
                </Paragraph>
                {item.outcome ? <Paragraph>{t("participation.outcome", { type: item.outcomeLabel ?? "", date: date(item.outcome.decidedAt) })}</Paragraph> : null}
                {item.nextStep ? (
                  <Paragraph>
                    {t("participation.nextStep", { description: item.nextStep.description })}
                    {item.nextStep.dueAt
                      ? ` (${t(item.nextStep.dueAt < Date.now() ? "topic.nextStep.overdue" : "participation.nextStep.due", { date: date(item.nextStep.dueAt) })})`
                      : null}
                  </Paragraph>
                ) : null}
                {item.unread ? (
                  <Form method="post" className="inspraak-inline-form">
                    <input type="hidden" name="intent" value="seen" />
                    <input type="hidden" name="topicId" value={item.topicId} />
                    <Button appearance="secondary">
                      {t("participation.markSeen")}
                      <span className="inspraak-visually-hidden">: {item.title}</span>
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <KeysetPagination prev={prev} next={next} query={query} />
        </>
      )}
    </div>
  );
}
