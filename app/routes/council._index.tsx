import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Heading, KeysetPagination, Link, Paragraph, RichText, SelectField, StatusBadge } from "~/components/ui";
import { useMeetingWords } from "~/modules/council/components/meeting";
import { briefingPage, isSubscribed } from "~/modules/council/council.briefing.server";
import { councilKinds } from "~/modules/council/council.meetings.server";
import { subscribeToCouncil, unsubscribeFromCouncil } from "~/modules/council/council.positions.server";
import { kindLabels } from "~/modules/council/council.words";
import { requireUserWithPermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";
import councilCss from "~/styles/council.css?url";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["council", "topic", "timeline"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilCss }];

/** Everything awaiting the council (or decided), a page at a time: for councillors and clerks. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:brief");
  const url = new URL(request.url);
  const tab = url.searchParams.get("tab") === "decided" ? "decided" : "awaiting";
  // Only a kind that goes to the council filters; any other value shows every kind, as search does.
  const offered = councilKinds();
  const kind = offered.find((k) => k === url.searchParams.get("kind")) ?? null;
  const page = briefingPage({ tab, kind, cursor: readCursor(url.searchParams, ["number", "number"]), viewerId: user.id });
  return {
    tab,
    kind,
    offered,
    ...page,
    kinds: kindLabels(),
    canSubscribe: can(user, "council:position"),
    subscribed: isSubscribed(user.id),
  } as const;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "council:position");
  const form = await readForm(request);
  if (form.get("intent") === "unsubscribe") {
    unsubscribeFromCouncil(user);
    return redirectWithToast("/council", { type: "success", message: "council.briefing.unsubscribed" });
  }
  subscribeToCouncil(user);
  return redirectWithToast("/council", { type: "success", message: "council.briefing.subscribed" });
}

export const meta = pageTitle("council.briefing.title");

export default function Briefing() {
  const { tab, kind, offered, items, next, prev, kinds, canSubscribe, subscribed } = useLoaderData<typeof loader>();
  const filter: Record<string, string> = kind ? { kind } : {};
  const { t, number } = useT();
  const words = useMeetingWords();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("council.briefing.title")}</Heading>
      <Paragraph lead>{t("council.briefing.intro")}</Paragraph>
      {canSubscribe ? (
        <Form method="post" className="inspraak-inline-form">
          <input type="hidden" name="intent" value={subscribed ? "unsubscribe" : "subscribe"} />
          {subscribed ? <Paragraph>{t("council.briefing.subscribedNote")}</Paragraph> : null}
          <Button appearance="secondary">{subscribed ? t("council.briefing.unsubscribe") : t("council.briefing.subscribe")}</Button>
        </Form>
      ) : null}
      <nav aria-label={t("council.briefing.tabs")}>
        <ul className="inspraak-council-tabs">
          <li>
            <Link to={`/council${kind ? `?kind=${kind}` : ""}`} aria-current={tab === "awaiting" ? "page" : undefined}>
              {t("council.briefing.awaiting")}
            </Link>
          </li>
          <li>
            <Link to={`/council?${new URLSearchParams({ tab: "decided", ...filter })}`} aria-current={tab === "decided" ? "page" : undefined}>
              {t("council.briefing.decided")}
            </Link>
          </li>
        </ul>
      </nav>
      <Form method="get" className="inspraak-form" aria-label={t("council.briefing.filter")}>
        {tab === "decided" ? <input type="hidden" name="tab" value="decided" /> : null}
        <SelectField
          name="kind"
          label={t("council.briefing.kind")}
          defaultValue={kind ?? ""}
          options={[{ value: "", label: t("council.briefing.kindAll") }, ...offered.map((k) => ({ value: k, label: kinds[k] ? t(kinds[k]!) : k }))]}
        />
        <Button appearance="secondary">{t("council.briefing.filterSubmit")}</Button>
      </Form>
      <Heading level={2}>{tab === "decided" ? t("council.briefing.decided") : t("council.briefing.awaiting")}</Heading>
      {items.length === 0 ? <Paragraph>{t("council.briefing.empty")}</Paragraph> : null}
      {items.map((item) => (
        <article key={item.id} className="inspraak-council-item" aria-labelledby={`item-${item.id}`}>
          <Heading level={3} id={`item-${item.id}`}>
            {item.path ? <Link to={item.path}>{item.title}</Link> : item.title}
          </Heading>
          <Paragraph>
            <StatusBadge>{kinds[item.kind] ? t(kinds[item.kind]!) : item.kind}</StatusBadge> {item.supported ? t("council.briefing.support", { count: item.supportCount }) : null}
            {item.reviewed ? (
              <>
                {" "}
                <StatusBadge tone="success">{t("council.briefing.reviewed")}</StatusBadge>
              </>
            ) : null}
          </Paragraph>
          <Paragraph>{item.summary}</Paragraph>
          {item.awaitingSince ? <Paragraph>{t("council.briefing.awaitingSince", { date: words.date(item.awaitingSince) })}</Paragraph> : null}
          <Paragraph>
            {item.meeting
              ? t("council.briefing.meeting", { meeting: item.meeting.title, date: words.date(item.meeting.startsAt), number: item.meeting.position })
              : t("council.briefing.notOnAgenda")}
          </Paragraph>
          {item.admissibility ? <Paragraph>{t("council.briefing.admissibility", { note: item.admissibility })}</Paragraph> : null}
          <Paragraph>
            {t("council.briefing.spread")}:{" "}
            {item.spread.length === 0
              ? t("council.briefing.spreadNone")
              : item.spread.map((s) => `${s.name ?? "–"} ${number(s.percent)}%`).join(", ")}
          </Paragraph>
          {item.related.length > 0 ? (
            <Paragraph>
              {t("council.briefing.related")}:{" "}
              {item.related.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ", " : null}
                  <Link to={r.path}>{r.title}</Link>
                </span>
              ))}
            </Paragraph>
          ) : null}
          <div className="inspraak-council-arguments">
            {(["for", "against"] as const).map((side) => (
              <section key={side} aria-label={`${t(side === "for" ? "council.briefing.for" : "council.briefing.against")}: ${item.title}`}>
                <Heading level={4}>{t(side === "for" ? "council.briefing.for" : "council.briefing.against")}</Heading>
                {item.arguments[side].length === 0 ? (
                  <Paragraph>{t("council.briefing.noArguments")}</Paragraph>
                ) : (
                  <ul className="utrecht-unordered-list">
                    {item.arguments[side].map((a) => (
                      <li key={a.id} className="utrecht-unordered-list__item">
                        {a.body.length > 280 ? `${a.body.slice(0, 277)}…` : a.body} ({t("council.briefing.upvotes", { count: a.upvoteCount })})
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
          {item.outcome ? (
            <>
              <Heading level={4}>{t("council.briefing.outcome")}</Heading>
              <RichText html={item.outcome.bodyHtml} />
            </>
          ) : null}
          <Paragraph>
            <Link to={`/council/${item.id}`} aria-label={`${t("council.briefing.dossier")}: ${item.title}`}>
              {t("council.briefing.dossier")}
            </Link>
          </Paragraph>
        </article>
      ))}
      <KeysetPagination prev={prev} next={next} query={new URLSearchParams({ ...(tab === "decided" ? { tab } : {}), ...filter })} />
    </div>
  );
}
