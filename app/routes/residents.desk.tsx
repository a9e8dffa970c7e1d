import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DESK_EVIDENCE, REVOCATION_REASONS } from "#db/schema/residents.constants";
import { Alert, Cell, DataList, ErrorSummary, Heading, Link, Paragraph, RowHeader, StatusBadge, SubmitButton, Table, TableRow, TextField } from "~/components/ui";
import { RadioGroup } from "~/modules/participation/components/fields";
import { DeskForm, DeskSearch } from "~/modules/residents/residents.schema";
import { findPersonAtDesk, revokeVerification, verifyAtDesk } from "~/modules/residents/residents.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["resident"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "resident:verify");
  const { email } = DeskSearch.parse(Object.fromEntries(new URL(request.url).searchParams));
  const person = email ? findPersonAtDesk(email) : null;
  // The lists travel as data, so the schema module stays out of the browser bundle.
  return { email, searched: email !== "", person, evidence: [...DESK_EVIDENCE], reasons: [...REVOCATION_REASONS] };
}

export async function action({ request }: ActionFunctionArgs) {
  const clerk = await requireUserWithPermission(request, "resident:verify");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), DeskForm(), t);
  if (!parsed.ok) return formFailure(parsed);
  const back = `/residents/desk?${new URLSearchParams({ email: new URL(request.url).searchParams.get("email") ?? "" })}`;
  const input = parsed.data;
  const result = input.intent === "verify" ? verifyAtDesk(clerk.id, input) : revokeVerification(clerk.id, input);
  if (!result.ok) {
    if (result.reason === "unknown-person") throw new Response("Not Found", { status: 404 });
    const message = result.reason === "already-verified" ? t("resident.desk.alreadyVerified") : t(`resident.refusal.${result.reason}`);
    const field = result.reason === "outside-municipality" ? "postcode" : "form";
    return data({ ok: false as const, errors: { [field]: message }, values: { postcode: input.intent === "verify" ? input.postcode : "" } }, { status: 422 });
  }
  if (result.already) return redirectWithToast(back, { type: "info", message: "resident.desk.unchanged" });
  return redirectWithToast(back, {
    type: "success",
    message: input.intent === "verify" ? "resident.desk.verified" : "resident.desk.revoked",
    params: { name: result.name },
  });
}

export const meta = pageTitle("resident.desk.title");

export default function ResidentDesk() {
  const { email, searched, person, evidence, reasons } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const formAction = `?${new URLSearchParams({ email })}`;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("resident.desk.title")}</Heading>
      <Paragraph>{t("resident.desk.intro")}</Paragraph>
      <Form method="get" role="search" className="inspraak-form">
        <TextField name="email" type="email" label={t("resident.desk.email")} defaultValue={email} maxLength={254} autoComplete="off" />
        <SubmitButton appearance="secondary">{t("resident.desk.search")}</SubmitButton>
      </Form>
      {searched && !person ? <Alert type="warning">{t("resident.desk.notFound")}</Alert> : null}
      {person ? (
        <section aria-labelledby="person-heading" className="inspraak-stack">
          <Heading level={2} id="person-heading">
            {t("resident.desk.person")}
          </Heading>
          <DataList
            items={[
              { key: t("resident.desk.name"), value: <bdi>{person.displayName}</bdi> },
              {
                key: t("resident.desk.status"),
                value: person.residentVerifiedAt ? (
                  <StatusBadge tone="success">{t("resident.desk.verifiedSince", { date: date(person.residentVerifiedAt), postcode: person.postcode ?? "" })}</StatusBadge>
                ) : (
                  <StatusBadge>{t("resident.desk.notVerified")}</StatusBadge>
                ),
              },
            ]}
          />
          <ErrorSummary
            errors={errors}
            labels={{ postcode: t("resident.desk.postcode"), birthDate: t("resident.verify.birthDate"), evidence: t("resident.desk.evidence"), reason: t("resident.desk.reason") }}
          />
          {person.residentVerifiedAt ? (
            <Form method="post" action={formAction} className="inspraak-form" noValidate>
              <Heading level={3}>{t("resident.desk.revokeTitle")}</Heading>
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="userId" value={person.id} />
              <RadioGroup
                idPrefix="field-reason"
                name="reason"
                legend={t("resident.desk.reason")}
                error={errors?.reason}
                options={reasons.map((reason) => ({ value: reason, label: t(`resident.reason.${reason}`) }))}
              />
              <SubmitButton appearance="secondary">{t("resident.desk.revokeSubmit")}</SubmitButton>
            </Form>
          ) : (
            <Form method="post" action={formAction} className="inspraak-form" noValidate>
              <Heading level={3}>{t("resident.desk.verifyTitle")}</Heading>
              <input type="hidden" name="intent" value="verify" />
              <input type="hidden" name="userId" value={person.id} />
              <TextField name="postcode" label={t("resident.desk.postcode")} error={errors?.postcode} defaultValue={values.postcode ?? person.postcode ?? ""} maxLength={10} autoComplete="off" aria-required />
              <TextField name="birthDate" label={t("resident.verify.birthDate")} error={errors?.birthDate} maxLength={20} autoComplete="off" inputMode="numeric" aria-required />
              <RadioGroup
                idPrefix="field-evidence"
                name="evidence"
                legend={t("resident.desk.evidence")}
                error={errors?.evidence}
                options={evidence.map((item) => ({ value: item, label: t(`resident.evidence.${item}`) }))}
              />
              <SubmitButton>{t("resident.desk.verifySubmit")}</SubmitButton>
            </Form>
          )}
          {person.history.length > 0 ? (
            <Table
              caption={t("resident.desk.history")}
              columns={[t("resident.desk.historyDate"), t("resident.desk.historyMethod"), t("resident.desk.historyPostcode"), t("resident.desk.historyRevoked")]}
            >
              {person.history.map((row) => (
                <TableRow key={row.id}>
                  <RowHeader>{date(row.verifiedAt)}</RowHeader>
                  <Cell>
                    {t(`resident.method.${row.method}`)}
                    {row.evidence ? ` (${t(`resident.evidence.${row.evidence}`)})` : ""}
                  </Cell>
                  <Cell>{row.postcode}</Cell>
                  <Cell>{row.revokedAt ? `${date(row.revokedAt)}${row.revocationReason ? `: ${t(`resident.reason.${row.revocationReason}`)}` : ""}` : "—"}</Cell>
                </TableRow>
              ))}
            </Table>
          ) : null}
        </section>
      ) : null}
      <Paragraph>
        <Link to="/residents/letter-codes">{t("resident.desk.letterCodesLink")}</Link>
      </Paragraph>
    </div>
  );
}
