import { Form } from "@remix-run/react";
import { ErrorSummary, SelectField, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { LIMITS } from "../petitions.rules";

export interface PetitionFormValues {
  title: string;
  request: string;
  background: string;
  neighbourhoodId: string;
  deadline: string;
}

/** The draft form, for a new petition and for editing one. */
export function PetitionFormFields({
  values,
  errors,
  neighbourhoods,
  durationDays,
  submitLabel,
  submission,
}: {
  values: PetitionFormValues;
  errors?: Record<string, string>;
  neighbourhoods: Array<{ id: number; name: string }>;
  durationDays: number;
  submitLabel: string;
  /** The page's submission key, for a form that creates a petition (see newSubmissionKey). */
  submission?: string | null;
}) {
  const { t } = useT();
  const labels = {
    title: t("petition.form.title"),
    request: t("petition.form.request"),
    background: t("petition.form.background"),
    neighbourhoodId: t("petition.form.neighbourhood"),
    deadline: t("petition.form.deadline"),
  };
  return (
    <Form method="post" className="inspraak-form" noValidate>
      <ErrorSummary errors={errors} labels={labels} />
      <SubmissionKey value={submission} />
      <TextField
        name="title"
        label={labels.title}
        description={t("petition.form.titleHint", { min: LIMITS.titleMin, max: LIMITS.titleMax })}
        maxLength={LIMITS.titleMax}
        defaultValue={values.title}
        error={errors?.title}
      />
      <TextArea
        name="request"
        label={labels.request}
        description={t("petition.form.requestHint", { min: LIMITS.requestMin, max: LIMITS.requestMax })}
        rows={4}
        maxLength={LIMITS.requestMax}
        defaultValue={values.request}
        error={errors?.request}
      />
      <TextArea
        name="background"
        label={labels.background}
        description={t("petition.form.backgroundHint", { max: LIMITS.backgroundMax })}
        rows={10}
        maxLength={LIMITS.backgroundMax}
        defaultValue={values.background}
        error={errors?.background}
        optional
      />
      <SelectField
        name="neighbourhoodId"
        label={labels.neighbourhoodId}
        defaultValue={values.neighbourhoodId}
        error={errors?.neighbourhoodId}
        optional
        options={[{ value: "", label: t("petition.form.wholeMunicipality") }, ...neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))]}
      />
      <TextField
        name="deadline"
        type="date"
        label={labels.deadline}
        description={t("petition.form.deadlineHint", { days: durationDays })}
        defaultValue={values.deadline}
        error={errors?.deadline}
        optional
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
