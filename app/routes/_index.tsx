import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonGroup, ButtonLink, Heading, Link, Paragraph, StatusBadge } from "~/components/ui";
import { latestPublicTopics } from "~/modules/topics/topics.server";
import { getSetting } from "~/modules/settings/settings.server";
import { kindManifest } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { formatNumber, type MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["home"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const latest = latestPublicTopics(9).map((topic) => {
    const { label, home } = kindManifest(topic.kind);
    // Each kind has its own status words ("Open", "Beantwoord", "Gesloten"), named here so the page
    // does not carry every kind's messages.
    const statusKey = `${topic.kind}.status.${topic.status}`;
    return {
      id: topic.id,
      title: topic.title,
      summary: topic.summary,
      path: topicPath(topic),
      kindLabel: label,
      statusLabel: t.has(statusKey) ? t(statusKey) : null,
      // The one figure the kind's manifest puts on its card, worded here too: the page then carries
      // no kind's messages, whichever kinds are registered.
      metric: t(home.metric.label, { count: formatNumber(locale, topic[home.metric.counter]) }),
    };
  });
  return { municipality: getSetting("municipalityName"), latest };
}

export const meta = pageTitle("home.pageTitle");

export default function Home() {
  const { municipality, latest } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("home.title", { municipality })}</Heading>
      <Paragraph lead>{t("home.intro")}</Paragraph>
      <ButtonGroup>
        <ButtonLink to="/petitions/new">{t("home.startPetition")}</ButtonLink>
        <ButtonLink to="/petitions" appearance="secondary">
          {t("home.allPetitions")}
        </ButtonLink>
      </ButtonGroup>
      <section aria-labelledby="latest-heading">
        <Heading level={2} id="latest-heading">
          {t("home.latest")}
        </Heading>
        {latest.length === 0 ? (
          <Paragraph>{t("home.empty")}</Paragraph>
        ) : (
          <ul className="inspraak-cards">
            {latest.map((topic) => (
              <li key={topic.id} className="inspraak-card">
                <StatusBadge>{t(topic.kindLabel)}</StatusBadge>{" "}
                {topic.statusLabel ? <StatusBadge tone="active">{topic.statusLabel}</StatusBadge> : null}
                <Heading level={3}>
                  <Link to={topic.path}>{topic.title}</Link>
                </Heading>
                <Paragraph>{topic.summary}</Paragraph>
                <Paragraph>{topic.metric}</Paragraph>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
