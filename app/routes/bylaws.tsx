import { Heading, Paragraph } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comingSoon"] };

// This kind of topic arrives in a later issue; the page exists so the navigation is whole.
export const meta = pageTitle("nav.bylaws");

export default function ComingSoon() {
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("nav.bylaws")}</Heading>
      <Paragraph>{t("comingSoon.body")}</Paragraph>
    </div>
  );
}
