import { SelectField, TextArea, TextField } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { DECISION_MAX, DECISION_MIN, REASONS_MAX, TITLE_MAX, TITLE_MIN } from "../proposals.rules";

/** The fields of a proposal, the same when drafting and editing. */
export function ProposalFields({
  values,
  errors,
  neighbourhoods,
}: {
  values: Record<string, string>;
  errors?: Record<string, string>;
  neighbourhoods: Array<{ id: number; name: string }>;
}) {
  const { t } = useT();
  return (
    <>
      <TextField
        name="title"
        label={t("proposal.field.title")}
        description={t("proposal.field.titleHint", { min: TITLE_MIN, max: TITLE_MAX })}
        error={errors?.title}
        defaultValue={values.title}
        maxLength={TITLE_MAX}
        aria-required
      />
      <TextArea
        name="decision"
        label={t("proposal.field.decision")}
        description={t("proposal.field.decisionHint", { min: DECISION_MIN, max: DECISION_MAX })}
        error={errors?.decision}
        defaultValue={values.decision}
        maxLength={DECISION_MAX}
        rows={4}
        aria-required
      />
      <TextArea
        name="reasons"
        label={t("proposal.field.reasons")}
        description={t("proposal.field.reasonsHint")}
        error={errors?.reasons}
        defaultValue={values.reasons}
        maxLength={REASONS_MAX}
        rows={8}
        aria-required
      />
      <SelectField
        name="neighbourhoodId"
        label={t("proposal.field.neighbourhood")}
        optional
        error={errors?.neighbourhoodId}
        defaultValue={values.neighbourhoodId ?? ""}
        options={[{ value: "", label: t("proposal.field.wholeCity") }, ...neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))]}
      />
    </>
  );
}
