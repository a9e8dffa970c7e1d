import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "#db/schema/users.constants";
import { Button, Cell, ErrorSummary, Heading, KeysetPagination, Paragraph, RowHeader, StatusBadge, Table, TableRow, TextField } from "~/components/ui";
import { changeRole, listUsers } from "~/modules/accounts/admin.server";
import { pageTitle } from "~/utils/meta";
import { CURSOR_PARAMS } from "~/utils/keyset";
import { readCursor } from "~/utils/keyset.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["account", "admin"] };

const PAGE_SIZE = 25;

const UsersQuery = z.object({
  q: z.string().trim().max(200).catch(""),
});

const RoleForm = z.object({
  intent: z.enum(["assign", "revoke"], { errorMap: () => ({ message: "form.unknownIntent" }) }),
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES),
  back: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:access");
  const params = new URL(request.url).searchParams;
  const { q } = UsersQuery.parse(Object.fromEntries(params));
  const cursor = readCursor(params, ["number", "string"]);
  const { users, total, more, next, prev } = listUsers({ query: q, cursor, pageSize: PAGE_SIZE });
  // Back to this very page after a role change: the search and the cursor that led here.
  const here = new URLSearchParams(q ? { q } : {});
  if (cursor) here.set(cursor.after ? CURSOR_PARAMS.after : CURSOR_PARAMS.before, params.get(cursor.after ? CURSOR_PARAMS.after : CURSOR_PARAMS.before)!);
  // The role list travels as data, so the schema module stays out of the browser bundle.
  return { q, back: `?${here.toString()}`, total, more, next, prev, users, me: user.id, roles: [...ROLES] };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "roles:assign");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), RoleForm, t);
  // Every field of these forms is set by the page (hidden inputs, a list of roles): a wrong value is a
  // tampered form, answered above the table rather than beside fields that are not there.
  if (!parsed.ok) return formFailure({ errors: { form: parsed.errors.intent ?? t("form.invalid") }, values: {} });
  const { intent, userId, role, back } = parsed.data;
  const result = changeRole(actor.id, userId, role, intent);
  if (!result.ok) {
    if (result.reason === "unknown-user") throw new Response("Not Found", { status: 404 });
    return formFailure({ errors: { form: t("admin.roles.ownAdmin") }, values: {} }, 422);
  }
  // Back to the same search and page; only a query string of this page is accepted.
  const target = back && back.startsWith("?") ? `/admin/users${back}` : "/admin/users";
  const roleName = t(`account.role.${role}`);
  if (!result.changed) return redirectWithToast(target, { type: "info", message: "admin.roles.unchanged" });
  return redirectWithToast(target, {
    type: "success",
    message: intent === "assign" ? "admin.roles.assigned" : "admin.roles.revoked",
    params: { role: roleName, name: result.name },
  });
}

export const meta = pageTitle("admin.users.title");

export default function AdminUsers() {
  const { q, back, total, more, next, prev, users, me, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date, number } = useT();
  const query = new URLSearchParams(q ? { q } : {});
  return (
    <>
      <Heading level={1}>{t("admin.users.title")}</Heading>
      <Paragraph>{t("admin.users.intro")}</Paragraph>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="get" role="search" className="inspraak-form">
        <TextField name="q" type="search" label={t("admin.users.search")} defaultValue={q} maxLength={200} />
        <Button appearance="secondary">{t("admin.users.searchSubmit")}</Button>
      </Form>
      <Paragraph>{t(more ? "admin.users.countMore" : "admin.users.count", { count: number(total) })}</Paragraph>
      {users.length === 0 ? (
        <Paragraph>{t("admin.users.none")}</Paragraph>
      ) : (
        <Table
          caption={t("admin.users.caption")}
          columns={[t("admin.users.name"), t("admin.users.email"), t("admin.users.status"), t("admin.users.created"), t("admin.users.roles"), t("admin.users.changeRoles")]}
        >
          {users.map((person) => {
            const missing = roles.filter((role) => !person.roles.includes(role));
            return (
              <TableRow key={person.id}>
                <RowHeader>
                  {person.displayName} {person.id === me ? t("admin.users.you") : null}
                </RowHeader>
                <Cell>{person.email}</Cell>
                <Cell>
                  {person.emailVerifiedAt ? (
                    <StatusBadge tone="success">{t("admin.users.verified")}</StatusBadge>
                  ) : (
                    <StatusBadge tone="warning">{t("admin.users.unverified")}</StatusBadge>
                  )}{" "}
                  {person.blockedAt ? <StatusBadge tone="danger">{t("admin.users.blocked")}</StatusBadge> : null}
                </Cell>
                <Cell>{date(person.createdAt)}</Cell>
                <Cell>
                  {person.roles.length === 0 ? (
                    t("admin.users.noRoles")
                  ) : (
                    <ul className="inspraak-accounts-roles">
                      {person.roles.map((role) => (
                        <li key={role}>
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="userId" value={person.id} />
                            <input type="hidden" name="role" value={role} />
                            <input type="hidden" name="back" value={back} />
                            <Button appearance="subtle" aria-label={t("admin.users.revoke", { role: t(`account.role.${role}`), name: person.displayName })}>
                              {t(`account.role.${role}`)} <span aria-hidden="true">✕</span>
                            </Button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                  )}
                </Cell>
                <Cell>
                  {missing.length > 0 ? (
                    <Form method="post" className="inspraak-accounts-inline" noValidate>
                      <input type="hidden" name="intent" value="assign" />
                      <input type="hidden" name="userId" value={person.id} />
                      <input type="hidden" name="back" value={back} />
                      <label className="inspraak-visually-hidden" htmlFor={`role-${person.id}`}>
                        {t("admin.users.roleFor", { name: person.displayName })}
                      </label>
                      <select id={`role-${person.id}`} name="role" className="utrecht-select utrecht-select--html-select">
                        {missing.map((role) => (
                          <option key={role} value={role}>
                            {t(`account.role.${role}`)}
                          </option>
                        ))}
                      </select>
                      <Button appearance="secondary" aria-label={t("admin.users.assignFor", { name: person.displayName })}>
                        {t("admin.users.assign")}
                      </Button>
                    </Form>
                  ) : null}
                </Cell>
              </TableRow>
            );
          })}
        </Table>
      )}
      <KeysetPagination prev={prev} next={next} query={query} />
    </>
  );
}
