import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, RichText } from "~/components/ui";
import { getSetting } from "~/modules/settings/settings.server";
import { getTranslator } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["accessibility"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const body = t("accessibility.body", { municipality: getSetting("municipalityName") });
  return { title: t("accessibility.title"), html: renderMarkdown(body, "page") };
}

export const meta = pageTitle("accessibility.title");

export default function Accessibility() {
  const { title, html } = useLoaderData<typeof loader>();
  return (
    <article className="inspraak-stack">
      <Heading level={1}>{title}</Heading>
      <RichText html={html} />
    </article>
  );
}
