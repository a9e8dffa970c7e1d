import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, RichText } from "~/components/ui";
import { getSetting } from "~/modules/settings/settings.server";
import { getTranslator } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["privacy"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const body = t("privacy.body", { municipality: getSetting("municipalityName"), months: getSetting("signatureAnonymiseMonths") });
  return { title: t("privacy.title"), html: renderMarkdown(body, "page") };
}

export const meta = pageTitle("privacy.title");

export default function Privacy() {
  const { title, html } = useLoaderData<typeof loader>();
  return (
    <article className="inspraak-stack">
      <Heading level={1}>{title}</Heading>
      <RichText html={html} />
    </article>
  );
}
