import { Form } from "@remix-run/react";
import { Alert, Button, CheckboxField, ErrorSummary, Heading, Paragraph, TextField } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { LIMITS } from "../petitions.rules";

export interface SignFormState {
  topicId: number;
  signable: boolean;
  /** Why signing is not possible, when it is not (a message key). */
  closedReason: "petition.sign.closed" | "petition.sign.rejected" | "petition.sign.notYetOpen" | null;
  viewer: null | { emailVerified: boolean; blocked: boolean };
  own: null | { status: "pending" | "confirmed" | "withdrawn"; confirmedAt: string | Date | null };
  municipality: string;
}

export interface FormErrors {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  intent?: string;
}

/** One click for a signed-in resident; name, email, postcode and a residence declaration for a guest. */
export function SignSection({ state, failure }: { state: SignFormState; failure?: FormErrors }) {
  const { t, date } = useT();
  const errors = failure?.intent === "sign" || failure?.intent === "withdraw" ? failure.errors : undefined;
  const values = failure?.values;
  return (
    <section aria-labelledby="sign-heading" className="inspraak-section inspraak-petitions-sign" id="sign">
      <Heading level={2} id="sign-heading">
        {t("petition.sign.heading")}
      </Heading>
      {state.own?.status === "confirmed" ? (
        <>
          <Alert type="ok">
            {state.own.confirmedAt ? t("petition.sign.youSignedOn", { date: date(state.own.confirmedAt) }) : t("petition.sign.youSigned")}
          </Alert>
          <ErrorSummary errors={errors} />
          {state.signable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <Button appearance="secondary">{t("petition.sign.withdraw")}</Button>
            </Form>
          ) : null}
        </>
      ) : !state.signable ? (
        <Paragraph>{t(state.closedReason ?? "petition.sign.closed")}</Paragraph>
      ) : state.viewer?.blocked ? (
        <Alert type="warning">{t("petition.error.blocked")}</Alert>
      ) : state.viewer && state.viewer.emailVerified ? (
        // A plain document post, with or without JavaScript: server.js answers it on its hot path.
        <Form method="post" action={`/petitions/${state.topicId}/sign`} className="inspraak-form" reloadDocument>
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="sign" />
          {state.own?.status === "withdrawn" ? <Paragraph>{t("petition.sign.withdrawnBefore")}</Paragraph> : null}
          <CheckboxField name="showName" label={t("petition.sign.showName")} description={t("petition.sign.showNameHint")} />
          <Button>{t("petition.sign.submit")}</Button>
        </Form>
      ) : (
        <Form method="post" className="inspraak-form" noValidate>
          {state.viewer ? <Paragraph>{t("petition.sign.unverifiedHint")}</Paragraph> : <Paragraph>{t("petition.sign.guestIntro")}</Paragraph>}
          <ErrorSummary
            errors={errors}
            labels={{ name: t("petition.sign.name"), email: t("petition.sign.email"), postcode: t("petition.sign.postcode"), residence: t("petition.sign.residenceShort") }}
          />
          <input type="hidden" name="intent" value="sign" />
          <TextField name="name" label={t("petition.sign.name")} autoComplete="name" maxLength={LIMITS.nameMax} defaultValue={values?.name ?? ""} error={errors?.name} />
          <TextField
            name="email"
            type="email"
            label={t("petition.sign.email")}
            description={t("petition.sign.emailHint")}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            maxLength={254}
            defaultValue={values?.email ?? ""}
            error={errors?.email}
          />
          <TextField
            name="postcode"
            label={t("petition.sign.postcode")}
            description={t("petition.sign.postcodeHint")}
            autoComplete="postal-code"
            maxLength={10}
            defaultValue={values?.postcode ?? ""}
            error={errors?.postcode}
            className="inspraak-petitions-postcode"
          />
          <CheckboxField
            name="residence"
            label={t("petition.sign.residence", { municipality: state.municipality })}
            error={errors?.residence}
            defaultChecked={values?.residence === "on"}
          />
          <CheckboxField name="showName" label={t("petition.sign.showName")} description={t("petition.sign.showNameHint")} defaultChecked={values?.showName === "on"} />
          <Button>{t("petition.sign.submit")}</Button>
        </Form>
      )}
    </section>
  );
}
