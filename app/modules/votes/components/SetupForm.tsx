// The clerk's set-up form, for a new vote and for changing one before its first ballot. Options are
// numbered rows of fields; "more answers" posts the form back with four more rows, so it works
// without JavaScript and keeps what was typed.
import { Form } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Fieldset, Heading, Paragraph, SelectField, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { BALLOT_TYPES, BUDGET_RULES, RESULTS_SHOWN, VOTE_ELIGIBLE_GROUPS } from "#db/schema/votes.constants";
import { EXPLANATION_MAX, OPTION_DESCRIPTION_MAX, OPTION_TITLE_MAX, QUESTION_MAX, QUESTION_MIN } from "../votes.rules";

export interface SetupFormProps {
  rows: number;
  values: Record<string, string>;
  errors?: Record<string, string>;
  neighbourhoods: Array<{ id: number; name: string }>;
  submission?: string | null;
  submitLabel: string;
}

const OPTION_FIELDS = ["title", "description", "cost", "imageUrl", "imageAlt", "linkedTopicId"] as const;

export function SetupForm({ rows, values, errors, neighbourhoods, submission, submitLabel }: SetupFormProps) {
  const { t } = useT();
  const labels: Record<string, string> = {
    title: t("vote.setup.question"), body: t("vote.setup.explanation"), ballotType: t("vote.setup.ballotType"), maxChoices: t("vote.setup.maxChoices"),
    budget: t("vote.setup.budget"), minProjects: t("vote.setup.minProjects"), maxProjects: t("vote.setup.maxProjects"), allocationRule: t("vote.setup.allocationRule"),
    opensAt: t("vote.setup.opensAt"), closesAt: t("vote.setup.closesAt"), eligibleWho: t("vote.setup.eligibleWho"), minimumAge: t("vote.setup.minimumAge"),
    neighbourhoodId: t("vote.setup.neighbourhood"), resultsShown: t("vote.setup.resultsShown"), options: t("vote.setup.options"),
  };
  for (let row = 0; row < rows; row++) {
    for (const field of OPTION_FIELDS) labels[`option-${row}-${field}`] = `${t("vote.setup.option", { number: row + 1 })}: ${t(`vote.setup.option.${field}`)}`;
  }
  const fieldErrors = errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined;
  const text = (name: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={labels[name] ?? name} error={errors?.[name]} defaultValue={values[name]} {...extra} />
  );
  return (
    <Form method="post" className="inspraak-form" noValidate>
      <SubmissionKey value={submission} />
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary errors={fieldErrors} labels={labels} />
      {text("title", { maxLength: QUESTION_MAX, minLength: QUESTION_MIN, "aria-required": true })}
      <TextArea name="body" label={labels.body!} description={t("vote.setup.explanationHint")} error={errors?.body} defaultValue={values.body} maxLength={EXPLANATION_MAX} rows={6} optional />
      <SelectField name="ballotType" label={labels.ballotType!} error={errors?.ballotType} defaultValue={values.ballotType ?? "single"} options={BALLOT_TYPES.map((v) => ({ value: v, label: t(`vote.type.${v}`) }))} />
      {text("maxChoices", { inputMode: "numeric", optional: true })}
      {text("budget", { inputMode: "numeric", optional: true })}
      {text("minProjects", { inputMode: "numeric", optional: true })}
      {text("maxProjects", { inputMode: "numeric", optional: true })}
      <SelectField name="allocationRule" label={labels.allocationRule!} error={errors?.allocationRule} defaultValue={values.allocationRule ?? "equalshares/add1"} options={BUDGET_RULES.map((v) => ({ value: v, label: t(`vote.setup.rule.${v}`) }))} />
      {text("opensAt", { type: "datetime-local", description: t("vote.setup.timeHint"), "aria-required": true })}
      {text("closesAt", { type: "datetime-local", description: t("vote.setup.timeHint"), "aria-required": true })}
      <SelectField name="eligibleWho" label={labels.eligibleWho!} error={errors?.eligibleWho} defaultValue={values.eligibleWho ?? "confirmed-accounts"} options={VOTE_ELIGIBLE_GROUPS.map((v) => ({ value: v, label: t(`vote.setup.who.${v}`) }))} />
      {text("minimumAge", { inputMode: "numeric", optional: true })}
      <SelectField
        name="neighbourhoodId"
        label={labels.neighbourhoodId!}
        error={errors?.neighbourhoodId}
        defaultValue={values.neighbourhoodId ?? ""}
        options={[{ value: "", label: t("vote.setup.neighbourhood.all") }, ...neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))]}
      />
      <SelectField
        name="resultsShown"
        label={labels.resultsShown!}
        description={t("vote.setup.resultsHint")}
        error={errors?.resultsShown}
        defaultValue={values.resultsShown ?? "after-closing"}
        options={RESULTS_SHOWN.map((v) => ({ value: v, label: t(`vote.setup.results.${v}`) }))}
      />
      <Heading level={2}>{t("vote.setup.options")}</Heading>
      <Paragraph>{t("vote.setup.optionsHint")}</Paragraph>
      {errors?.options ? <Alert type="error">{errors.options}</Alert> : null}
      <div className="inspraak-vote-option-rows">
        {Array.from({ length: rows }, (_, row) => (
          <Fieldset key={row} legend={t("vote.setup.option", { number: row + 1 })}>
            {text(`option-${row}-title`, { maxLength: OPTION_TITLE_MAX, optional: true })}
            <TextArea name={`option-${row}-description`} label={labels[`option-${row}-description`]!} error={errors?.[`option-${row}-description`]} defaultValue={values[`option-${row}-description`]} maxLength={OPTION_DESCRIPTION_MAX} rows={2} optional />
            {text(`option-${row}-cost`, { inputMode: "numeric", optional: true })}
            {text(`option-${row}-imageUrl`, { type: "url", optional: true })}
            {text(`option-${row}-imageAlt`, { optional: true })}
            {text(`option-${row}-linkedTopicId`, { inputMode: "numeric", optional: true })}
          </Fieldset>
        ))}
      </div>
      <input type="hidden" name="rows" value={rows} />
      <Button appearance="secondary" name="intent" value="more-rows">
        {t("vote.setup.moreRows")}
      </Button>
      <SubmitButton name="intent" value="save">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
