import { Heading, Paragraph } from "~/components/ui";
import { useT } from "~/utils/i18n";

// This kind of topic arrives in a later issue; the page exists so the navigation is whole.
export default function ComingSoon() {
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("nav.proposals")}</Heading>
      <Paragraph>{t("comingSoon.body")}</Paragraph>
    </div>
  );
}
