import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, Paragraph, SubmitButton, TextField } from "~/components/ui";
import { RedeemForm } from "~/modules/residents/residents.schema";
import { ownVerification, redeemLetterCode } from "~/modules/residents/residents.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { clientIp, hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["resident"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "resident:verify-self");
  return { verification: ownVerification(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "resident:verify-self");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), RedeemForm(), t);
  if (!parsed.ok) return formFailure(parsed);
  // Counted before the code is looked at, so a wrong guess costs as much as a right one.
  if (!hitRateLimit(RATE_LIMITS.letterCodePerUser, user.id) || !hitRateLimit(RATE_LIMITS.letterCodePerIp, clientIp(request))) {
    return data({ ok: false as const, errors: { form: t("resident.verify.rateLimited") }, values: { code: parsed.data.code } }, { status: 429 });
  }
  const result = redeemLetterCode(user.id, parsed.data);
  if (!result.ok) {
    const field = result.reason === "already-verified" ? "form" : "code";
    return data({ ok: false as const, errors: { [field]: t(`resident.refusal.${result.reason}`) }, values: { code: parsed.data.code } }, { status: 422 });
  }
  return redirectWithToast("/residents/verify", { type: "success", message: "resident.verify.success", params: { postcode: result.postcode } });
}

export const meta = pageTitle("resident.verify.title");

export default function VerifyResident() {
  const { verification } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const verifiedAt = verification?.residentVerifiedAt;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("resident.verify.title")}</Heading>
      {verifiedAt ? (
        <>
          <Alert type="ok">{t("resident.verify.done", { date: date(verifiedAt), postcode: verification?.postcode ?? "" })}</Alert>
          <Paragraph>{t("resident.verify.doneMore")}</Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("resident.verify.intro")}</Paragraph>
          <ErrorSummary errors={errors} labels={{ code: t("resident.verify.code"), birthDate: t("resident.verify.birthDate") }} />
          <Form method="post" className="inspraak-form" noValidate>
            <TextField
              name="code"
              label={t("resident.verify.code")}
              description={t("resident.verify.codeHint")}
              error={errors?.code}
              defaultValue={values.code}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              aria-required
            />
            <TextField
              name="birthDate"
              label={t("resident.verify.birthDate")}
              description={t("resident.verify.birthDateHint")}
              error={errors?.birthDate}
              autoComplete="bday"
              inputMode="numeric"
              maxLength={20}
              aria-required
            />
            <SubmitButton>{t("resident.verify.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
