import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading, KeysetPagination, Link, Paragraph } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { listMyPetitions, MINE_KEY_TYPES, type MyPetitionsView } from "~/modules/petitions/petitions.queries.server";
import { readCursor } from "~/utils/keyset.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessageKey } from "~/i18n";
import type { MessagesHandle } from "~/i18n/translate";
import { pageHref } from "~/utils/keyset";

export const handle: MessagesHandle = { i18n: ["petition"] };

const VIEWS: readonly MyPetitionsView[] = ["authored", "signed"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "petition:list-mine");
  const params = new URL(request.url).searchParams;
  // An unknown view is no view: both lists from their start.
  const view = VIEWS.find((v) => v === params.get("view")) ?? null;
  const lists = listMyPetitions(user.id, { view, cursor: view ? readCursor(params, MINE_KEY_TYPES) : null });
  return { ...lists, view, canCreate: can(user, "petition:create") };
}

export const meta = pageTitle("petition.mine.title");

export default function MyPetitions() {
  const { authored, signed, view, canCreate } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  // The first page of a list links on to that list alone, from where the first page stopped.
  const more = (list: MyPetitionsView, next: string | null, label: MessageKey) =>
    next && view === null ? (
      <Paragraph>
        <Link to={pageHref(new URLSearchParams({ view: list }), { after: next })}>{t(label)}</Link>
      </Paragraph>
    ) : null;
  const pages = (list: MyPetitionsView, page: { prev: string | null; next: string | null }) =>
    view === list ? <KeysetPagination prev={page.prev} next={page.next} query={new URLSearchParams({ view: list })} /> : null;
  return (
    <div className="inspraak-stack">
      <Paragraph>
        {view ? <Link to="/petitions/mine">{t("petition.mine.overview")}</Link> : <Link to="/petitions">{t("petition.backToList")}</Link>}
      </Paragraph>
      <Heading level={1}>{t("petition.mine.title")}</Heading>
      {canCreate && !view ? <ButtonLink to="/petitions/new">{t("petition.list.start")}</ButtonLink> : null}
      {authored ? (
        <section aria-labelledby="authored-heading">
          <Heading level={2} id="authored-heading">
            {t("petition.mine.authored")}
          </Heading>
          {authored.items.length === 0 ? (
            <Paragraph>{t("petition.mine.noneAuthored")}</Paragraph>
          ) : (
            <ul className="utrecht-unordered-list">
              {authored.items.map((p) => (
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
          {more("authored", authored.next, "petition.mine.moreAuthored")}
          {pages("authored", authored)}
        </section>
      ) : null}
      {signed ? (
        <section aria-labelledby="signed-heading">
          <Heading level={2} id="signed-heading">
            {t("petition.mine.signed")}
          </Heading>
          {signed.items.length === 0 ? (
            <Paragraph>{t("petition.mine.noneSigned")}</Paragraph>
          ) : (
            <ul className="utrecht-unordered-list">
              {signed.items.map((p) => (
                <li key={p.id} className="utrecht-unordered-list__item">
                  <Link to={`/petitions/${p.id}`}>{p.withheld ? t("petition.withheld.title", { id: p.id }) : p.title}</Link> <PetitionStatusBadge status={p.status} />
                  {p.signedAt ? <> · {t("petition.sign.youSignedOn", { date: date(p.signedAt) })}</> : null}
                </li>
              ))}
            </ul>
          )}
          {more("signed", signed.next, "petition.mine.moreSigned")}
          {pages("signed", signed)}
        </section>
      ) : null}
    </div>
  );
}
