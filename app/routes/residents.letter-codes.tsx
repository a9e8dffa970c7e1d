import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Heading, Link, Paragraph, SubmitButton, TextArea, TextField } from "~/components/ui";
import { LETTER_CODE_DAYS, MAX_LETTER_ADDRESSES, readProblemsQuery } from "~/modules/residents/residents.rules";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["resident"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "resident:verify");
  const { t } = await getTranslator(request);
  // What the download route (residents.letter-codes[.]csv.tsx) sent back about a list it could not use.
  const problems = readProblemsQuery(new URL(request.url).searchParams);
  const errors: Record<string, string> = {};
  const lines = [
    ...problems.lines.map((p) => t(`resident.letters.problem.${p.problem}`, { line: p.line })),
    ...(problems.more ? [t("resident.letters.moreProblems", { count: problems.more })] : []),
  ];
  if (problems.tooMany) errors.addresses = t("resident.letters.tooMany", { max: MAX_LETTER_ADDRESSES });
  else if (lines.length) errors.addresses = lines.join(" ");
  else if (problems.fields.includes("addresses")) errors.addresses = t("resident.letters.addressesMissing");
  if (problems.fields.includes("validDays")) errors.validDays = t("resident.letters.validDaysInvalid", { min: LETTER_CODE_DAYS.min, max: LETTER_CODE_DAYS.max });
  return { errors: Object.keys(errors).length ? errors : undefined };
}

export const meta = pageTitle("resident.letters.title");

export default function LetterCodes() {
  const { errors } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("resident.letters.title")}</Heading>
      <Paragraph>{t("resident.letters.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={{ addresses: t("resident.letters.addresses"), validDays: t("resident.letters.validDays") }} />
      {/* The answer is a download: the browser stays on this page, with or without JavaScript. */}
      <Form method="post" action="/residents/letter-codes.csv" encType="multipart/form-data" className="inspraak-form" reloadDocument noValidate>
        <TextField
          name="addressFile"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          label={t("resident.letters.file")}
          description={t("resident.letters.fileHint", { max: MAX_LETTER_ADDRESSES })}
          optional
        />
        <TextArea
          name="addresses"
          label={t("resident.letters.addresses")}
          description={t("resident.letters.addressesHint", { max: MAX_LETTER_ADDRESSES })}
          error={errors?.addresses}
          rows={8}
          optional
        />
        <TextField
          name="validDays"
          type="number"
          label={t("resident.letters.validDays")}
          description={t("resident.letters.validDaysHint", { min: LETTER_CODE_DAYS.min, max: LETTER_CODE_DAYS.max })}
          error={errors?.validDays}
          defaultValue={String(LETTER_CODE_DAYS.default)}
          min={LETTER_CODE_DAYS.min}
          max={LETTER_CODE_DAYS.max}
          aria-required
        />
        <SubmitButton>{t("resident.letters.submit")}</SubmitButton>
      </Form>
      <Paragraph>
        <Link to="/residents/desk">{t("resident.desk.title")}</Link>
      </Paragraph>
    </div>
  );
}
