import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Cell, ErrorSummary, Heading, Link, Pagination, Paragraph, SelectField, Table, TableRow, TextField } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { ModerationNav } from "~/modules/participation/components/ModerationNav";
import { AuditQuery } from "~/modules/participation/moderation.schema";
import { auditFilterOptions, listAuditLog } from "~/modules/participation/audit-log.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import { auditActionLabel, auditEntityHref, auditEntityLabel } from "~/modules/participation/components/audit-labels";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "audit:read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const form = new FormData();
  for (const [k, v] of url.searchParams) form.append(k, v);
  const parsed = parseForm(form, AuditQuery, t);
  const options = auditFilterOptions(url.searchParams.get("actor") ?? undefined);
  const moderate = can(user, "moderation:act");
  const raw = Object.fromEntries(url.searchParams);
  if (!parsed.ok) {
    return data({ rows: [], total: 0, pages: 1, page: 1, errors: parsed.errors, filter: raw, options, moderate }, { status: 400 });
  }
  const q = parsed.data;
  const result = listAuditLog({ actorId: q.actor, action: q.action, from: q.from, to: q.to, page: q.page });
  return { ...result, page: q.page, errors: null, filter: raw, options, moderate };
}

export const meta = pageTitle("moderation.audit.title");

export default function Audit() {
  const { rows, total, pages, page, errors, filter, options, moderate } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => k !== "page" && typeof v === "string" && v !== "") as Array<[string, string]>);
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("moderation.audit.title")}</Heading>
      <ModerationNav moderate={moderate} />
      <Paragraph>{t("moderation.audit.intro")}</Paragraph>
      <ErrorSummary errors={errors ?? undefined} labels={{ from: t("moderation.audit.from"), to: t("moderation.audit.to") }} />
      <Form method="get" className="inspraak-discussions-filters" aria-label={t("moderation.audit.filters")}>
        <SelectField
          name="actor"
          label={t("moderation.audit.actor")}
          defaultValue={filter.actor ?? ""}
          error={errors?.actor}
          options={[
            { value: "", label: t("moderation.audit.actorAll") },
            { value: "system", label: t("moderation.audit.system") },
            ...options.actors.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <SelectField
          name="action"
          label={t("moderation.audit.action")}
          defaultValue={filter.action ?? ""}
          error={errors?.action}
          options={[{ value: "", label: t("moderation.audit.actionAll") }, ...options.actions.map((a) => ({ value: a, label: auditActionLabel(a, t) }))]}
        />
        <TextField name="from" type="date" label={t("moderation.audit.from")} defaultValue={filter.from ?? ""} error={errors?.from} optional />
        <TextField name="to" type="date" label={t("moderation.audit.to")} defaultValue={filter.to ?? ""} error={errors?.to} optional />
        <Button appearance="secondary">{t("moderation.audit.submit")}</Button>
        <Link to="/audit">{t("moderation.audit.reset")}</Link>
      </Form>
      {rows.length === 0 ? (
        <Paragraph>{t("moderation.audit.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("moderation.audit.total", { count: number(total) })}</Paragraph>
          <Table
            caption={t("moderation.audit.caption")}
            columns={[t("moderation.audit.col.when"), t("moderation.audit.col.actor"), t("moderation.audit.col.action"), t("moderation.audit.col.entity"), t("moderation.audit.col.reason"), t("moderation.audit.col.change")]}
          >
            {rows.map((r) => (
              <TableRow key={r.id}>
                <Cell>
                  <time dateTime={r.createdAt}>{date(r.createdAt, "datetime")}</time>
                </Cell>
                <Cell>{r.actorId ? (r.actorName ?? t("moderation.audit.deleted")) : t("moderation.audit.system")}</Cell>
                <Cell>{auditActionLabel(r.action, t)}</Cell>
                <Cell>
                  {auditEntityHref(r.entityType, r.entityId) ? (
                    <Link to={auditEntityHref(r.entityType, r.entityId)!}>{auditEntityLabel(r.entityType, r.entityId, t)}</Link>
                  ) : (
                    auditEntityLabel(r.entityType, r.entityId, t)
                  )}
                </Cell>
                <Cell>{r.reason}</Cell>
                <Cell>
                  {r.before ? (
                    <>
                      <strong>{t("moderation.audit.before")}:</strong>
                      <pre className="inspraak-discussions-json">{r.before}</pre>
                    </>
                  ) : null}
                  {r.after ? (
                    <>
                      <strong>{t("moderation.audit.after")}:</strong>
                      <pre className="inspraak-discussions-json">{r.after}</pre>
                    </>
                  ) : null}
                </Cell>
              </TableRow>
            ))}
          </Table>
        </>
      )}
      <Pagination page={page} pages={pages} query={query} />
    </div>
  );
}
