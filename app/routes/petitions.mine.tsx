import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading, Link, Paragraph } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { listMyPetitions } from "~/modules/petitions/petitions.queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "petition:list-mine");
  return { ...listMyPetitions(user.id), canCreate: can(user, "petition:create") };
}

export const meta = pageTitle("petition.mine.title");

export default function MyPetitions() {
  const { authored, signed, canCreate } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  // Their own text is shown to the author, also when it is withheld from the public.
  const ownTitles = new Map(authored.map((p) => [p.id, p.title]));
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/petitions">{t("petition.backToList")}</Link>
      </Paragraph>
      <Heading level={1}>{t("petition.mine.title")}</Heading>
      {canCreate ? <ButtonLink to="/petitions/new">{t("petition.list.start")}</ButtonLink> : null}
      <section aria-labelledby="authored-heading">
        <Heading level={2} id="authored-heading">
          {t("petition.mine.authored")}
        </Heading>
        {authored.length === 0 ? (
          <Paragraph>{t("petition.mine.noneAuthored")}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {authored.map((p) => (
              <li key={p.id} className="utrecht-unordered-list__item">
                <Link to={`/petitions/${p.id}`}>{p.title}</Link> <PetitionStatusBadge status={p.status} />
                {p.hideText && p.rejectionCode ? <> · {t("petition.mine.withheld", { reason: t(`petition.rejection.${p.rejectionCode}`) })}</> : null} ·{" "}
                {t("petition.count.signatures", { count: number(p.supportCount) })} · {t("petition.mine.created", { date: date(p.createdAt) })}
                {p.status === "draft" ? (
                  <>
                    {" "}
                    · <Link to={`/petitions/${p.id}/edit`}>{t("petition.preview.edit")}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="signed-heading">
        <Heading level={2} id="signed-heading">
          {t("petition.mine.signed")}
        </Heading>
        {signed.length === 0 ? (
          <Paragraph>{t("petition.mine.noneSigned")}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {signed.map((p) => (
              <li key={p.id} className="utrecht-unordered-list__item">
                <Link to={`/petitions/${p.id}`}>{ownTitles.get(p.id) ?? (p.hideText ? t("petition.withheld.title", { id: p.id }) : p.title)}</Link>{" "}
                <PetitionStatusBadge status={p.status} />
                {p.signedAt ? <> · {t("petition.sign.youSignedOn", { date: date(p.signedAt) })}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
