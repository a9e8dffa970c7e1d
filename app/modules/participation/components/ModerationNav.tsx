import { NavLink } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** The clerks' moderation pages; the audit log also serves admins, the statistics everyone. */
export function ModerationNav({ moderate }: { moderate: boolean }) {
  const { t } = useT();
  const items = [
    ...(moderate
      ? [
          { to: "/moderation", label: t("moderation.nav.queue"), end: true },
          { to: "/moderation/blocks", label: t("moderation.nav.blocks"), end: false },
        ]
      : []),
    { to: "/audit", label: t("moderation.nav.audit"), end: false },
    { to: "/moderation/statistics", label: t("moderation.nav.statistics"), end: false },
  ];
  return (
    <nav aria-label={t("moderation.nav.label")} className="inspraak-discussions-sort">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="utrecht-link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
