import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Cell, ErrorSummary, Heading, KeysetPagination, Link, Paragraph, SelectField, Table, TableRow, TextField } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { ModerationNav } from "~/modules/participation/components/ModerationNav";
import { AuditQuery } from "~/modules/participation/moderation.schema";
import { auditFilterOptions, listAuditLog } from "~/modules/participation/audit-log.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import { auditActionLabel } from "~/modules/participation/components/audit-labels";
import { auditChanges, auditSettingLabel } from "~/modules/participation/audit-words.server";
import type { AuditSubject } from "~/modules/participation/audit-log.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "audit:read");
  const { t, locale } = await getTranslator(request);
  const url = new URL(request.url);
  const form = new FormData();
  for (const [k, v] of url.searchParams) form.append(k, v);
  const parsed = parseForm(form, AuditQuery, t);
  const options = auditFilterOptions(url.searchParams.get("actor") ?? undefined);
  const moderate = can(user, "moderation:act");
  const raw = Object.fromEntries(url.searchParams);
  if (!parsed.ok) {
    return data({ rows: [], total: 0, more: false, next: null, prev: null, errors: parsed.errors, filter: raw, options, moderate, people: null as "blocks" | "admin" | null }, { status: 400 });
  }
  const q = parsed.data;
  const result = listAuditLog({ actorId: q.actor, action: q.action, from: q.from, to: q.to, cursor: readCursor(url.searchParams, ["number", "number"]) });
  // The change in words is made here, in the reader's language: the page never gets raw JSON.
  const rows = result.rows.map(({ before, after, subject, ...row }) => ({
    ...row,
    // A setting is named as the settings page names it: words the audit page does not otherwise carry.
    subject: subject.kind === "setting" ? { ...subject, label: auditSettingLabel(subject.key, t) } : subject,
    changes: auditChanges({ ...row, topicKind: subject.kind === "topic" ? subject.topicKind : null, before, after }, t, locale),
  }));
  const people: "blocks" | "admin" | null = can(user, "user:block") ? "blocks" : can(user, "admin:access") ? "admin" : null;
  return { ...result, rows, errors: null, filter: raw, options, moderate, people };
}

/** Where a person named in the log can be looked up by this reader: the blocks page for clerks, the users page for admins. */
function personHref(people: "blocks" | "admin" | null, subject: { id: string; name: string | null }): string | null {
  if (people === "blocks") return `/moderation/blocks?user=${encodeURIComponent(subject.id)}`;
  if (people === "admin" && subject.name) return `/admin/users?q=${encodeURIComponent(subject.name)}`;
  return null;
}

function Subject({ subject, people }: { subject: AuditSubject | (Extract<AuditSubject, { kind: "setting" }> & { label: string }); people: "blocks" | "admin" | null }) {
  const { t } = useT();
  switch (subject.kind) {
    case "person": {
      const name = subject.name ?? t("moderation.audit.deleted");
      const href = subject.name ? personHref(people, subject) : null;
      return (
        <>
          {t("moderation.audit.entity.user")}: {href ? <Link to={href}>{name}</Link> : name}
        </>
      );
    }
    case "topic": {
      const what = subject.path && subject.title ? <Link to={subject.path}>{subject.title}</Link> : <>{t("moderation.audit.gone")}</>;
      // The kind in words, for any registered kind: "Petitie: <title>".
      return subject.kindLabel ? (
        <>
          {t(subject.kindLabel)}: {what}
        </>
      ) : (
        what
      );
    }
    case "comment":
      return subject.path && subject.topicTitle ? (
        <Link to={subject.path}>{t("moderation.audit.commentOn", { title: subject.topicTitle })}</Link>
      ) : (
        <>{t("moderation.audit.gone")}</>
      );
    case "setting":
      return <>{"label" in subject ? subject.label : subject.key}</>;
    default:
      return <>{t("moderation.audit.gone")}</>;
  }
}

export const meta = pageTitle("moderation.audit.title");

export default function Audit() {
  const { rows, total, more, next, prev, errors, filter, options, moderate, people } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => !["page", "after", "before"].includes(k) && typeof v === "string" && v !== "") as Array<[string, string]>);
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
          <Paragraph>{t(more ? "moderation.audit.totalMore" : "moderation.audit.total", { count: number(total) })}</Paragraph>
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
                  <Subject subject={r.subject} people={people} />
                </Cell>
                <Cell>{r.reason}</Cell>
                <Cell>
                  {r.changes.length ? (
                    <ul className="utrecht-unordered-list">
                      {r.changes.map((c, i) => (
                        <li key={i} className="utrecht-unordered-list__item">
                          {c.from !== undefined ? t("moderation.audit.changed", { field: c.field, from: c.from, to: c.to }) : t("moderation.audit.set", { field: c.field, to: c.to })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </Cell>
              </TableRow>
            ))}
          </Table>
        </>
      )}
      <KeysetPagination prev={prev} next={next} query={query} />
    </div>
  );
}
