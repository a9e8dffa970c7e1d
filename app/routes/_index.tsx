import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph, StatusBadge } from "~/components/ui";
import { latestPublicTopics } from "~/modules/topics/topics.server";
import { getSetting } from "~/modules/settings/settings.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["discussion.list.comments", "home", "petition.count.signatures"] };

export async function loader(_: LoaderFunctionArgs) {
  return { municipality: getSetting("municipalityName"), latest: latestPublicTopics(9) };
}

export const meta = pageTitle("home.pageTitle");

export default function Home() {
  const { municipality, latest } = useLoaderData<typeof loader>();
  const { t, number } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("home.title", { municipality })}</Heading>
      <Paragraph lead>{t("home.intro")}</Paragraph>
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
                <StatusBadge>{t(`topic.kind.${topic.kind}`)}</StatusBadge>
                <Heading level={3}>
                  <Link to={topicPath(topic)}>{topic.title}</Link>
                </Heading>
                <Paragraph>{topic.summary}</Paragraph>
                {topic.kind === "petition" ? (
                  <Paragraph>{t("petition.count.signatures", { count: number(topic.supportCount) })}</Paragraph>
                ) : topic.kind === "discussion" ? (
                  <Paragraph>{t("discussion.list.comments", { count: number(topic.commentCount) })}</Paragraph>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
