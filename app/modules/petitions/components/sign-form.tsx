import { Form } from "@remix-run/react";
import { Alert, Button, CheckboxField, ErrorSummary, Heading, Link, Paragraph, TextField } from "~/components/ui";
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
  /** The signed-in resident's postcode as shown ("9901 AB"); null when the account has none (or for a guest). */
  accountPostcode: string | null;
  /** Sign in, and back to this petition. */
  signInHref: string;
  /** A guest who just confirmed their signature by the emailed link: thanked, not offered a blank form. */
  justConfirmed: boolean;
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
      {state.justConfirmed && !state.viewer ? (
        <Alert type="ok">{t("petition.sign.youSigned")}</Alert>
      ) : state.own?.status === "confirmed" ? (
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
      ) : state.viewer && state.viewer.emailVerified && state.accountPostcode ? (
        // A plain document post, with or without JavaScript: server.js answers it on its hot path.
        // One click declares residence at the account's postcode, and the hint says so.
        <Form method="post" action={`/petitions/${state.topicId}/sign`} className="inspraak-form" reloadDocument>
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="sign" />
          {state.own?.status === "withdrawn" ? <Paragraph>{t("petition.sign.withdrawnBefore")}</Paragraph> : null}
          <CheckboxField name="showName" label={t("petition.sign.showName")} description={t("petition.sign.showNameHint")} />
          <p className="utrecht-paragraph" id="sign-resident-hint">
            {t("petition.sign.residentAs", { municipality: state.municipality, postcode: state.accountPostcode })}
          </p>
          <Button aria-describedby="sign-resident-hint">{t("petition.sign.submit")}</Button>
        </Form>
      ) : state.viewer && state.viewer.emailVerified ? (
        // No postcode on the account: the postcode and the declaration a guest gives, posted to the
        // page so the messages stand beside the fields; the postcode is then kept on the account.
        <Form method="post" className="inspraak-form" noValidate>
          <Paragraph>{t("petition.sign.residentPostcodeIntro", { municipality: state.municipality })}</Paragraph>
          <ErrorSummary errors={errors} labels={{ postcode: t("petition.sign.postcode"), residence: t("petition.sign.residenceShort") }} />
          <input type="hidden" name="intent" value="sign" />
          {state.own?.status === "withdrawn" ? <Paragraph>{t("petition.sign.withdrawnBefore")}</Paragraph> : null}
          <ResidenceFields municipality={state.municipality} errors={errors} values={values} />
          <Button>{t("petition.sign.submit")}</Button>
        </Form>
      ) : (
        <Form method="post" className="inspraak-form" noValidate>
          {state.viewer ? (
            <Paragraph>{t("petition.sign.unverifiedHint")}</Paragraph>
          ) : (
            <Paragraph>
              {t("petition.sign.guestIntro")} {t("petition.sign.haveAccount")} <Link to={state.signInHref}>{t("petition.sign.signInLink")}</Link>
            </Paragraph>
          )}
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
          <ResidenceFields municipality={state.municipality} errors={errors} values={values} />
          <Button>{t("petition.sign.submit")}</Button>
        </Form>
      )}
    </section>
  );
}

/** Where the signer lives, as a guest or a resident without a postcode on their account gives it. */
function ResidenceFields({ municipality, errors, values }: { municipality: string; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t } = useT();
  return (
    <>
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
      <CheckboxField name="residence" label={t("petition.sign.residence", { municipality })} error={errors?.residence} defaultChecked={values?.residence === "on"} />
      <CheckboxField name="showName" label={t("petition.sign.showName")} description={t("petition.sign.showNameHint")} defaultChecked={values?.showName === "on"} />
    </>
  );
}
