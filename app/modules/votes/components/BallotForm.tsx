// The ballot: radio buttons for a single choice, checkboxes for multiple choice and budgets. A
// budget shows its running total; without JavaScript the "recalculate" button posts the choices and
// the page comes back with them ticked and the total added up (the server checks it again anyway).
import { Form } from "@remix-run/react";
import { useState } from "react";
import { Alert, Button, Heading, Paragraph, SubmitButton } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { euros } from "./money";

export interface BallotOption {
  id: number;
  title: string;
  description: string;
  cost: number | null;
  imageUrl: string | null;
  imageAlt: string | null;
  linked: { path: string; title: string } | null;
}

export interface BallotSettings {
  ballotType: "single" | "multiple" | "budget";
  maxChoices: number | null;
  budget: number | null;
  minProjects: number | null;
  maxProjects: number | null;
}

const cx = (...names: Array<string | false | null | undefined>) => names.filter(Boolean).join(" ");

export function BallotForm({ vote, options, ballotCode, chosen, error }: { vote: BallotSettings; options: BallotOption[]; ballotCode: string; chosen: number[]; error?: string }) {
  const { t, locale } = useT();
  const [picked, setPicked] = useState<number[]>(chosen);
  const euro = (amount: number) => euros(locale, amount);
  const budget = vote.budget ?? 0;
  const spent = options.reduce((sum, o) => sum + (picked.includes(o.id) ? (o.cost ?? 0) : 0), 0);
  const single = vote.ballotType === "single";
  const hint =
    vote.ballotType === "single"
      ? t("vote.ballot.single")
      : vote.ballotType === "multiple"
        ? t("vote.ballot.multiple", { max: vote.maxChoices ?? 1 })
        : t("vote.ballot.budget", { budget: euro(budget) });
  const projectsHint =
    vote.ballotType !== "budget"
      ? null
      : vote.minProjects !== null && vote.maxProjects !== null
        ? t("vote.ballot.budgetProjects", { min: vote.minProjects, max: vote.maxProjects })
        : vote.minProjects !== null
          ? t("vote.ballot.budgetMin", { min: vote.minProjects })
          : vote.maxProjects !== null
            ? t("vote.ballot.budgetMax", { max: vote.maxProjects })
            : null;
  const toggle = (id: number, on: boolean) => setPicked((now) => (single ? [id] : on ? [...now.filter((x) => x !== id), id] : now.filter((x) => x !== id)));
  return (
    <Form method="post" className="inspraak-form" noValidate aria-labelledby="ballot-title">
      <Heading level={2} id="ballot-title">
        {t("vote.ballot.title")}
      </Heading>
      <input type="hidden" name="ballotCode" value={ballotCode} />
      {error ? <Alert type="error">{error}</Alert> : null}
      <fieldset className={cx("utrecht-form-fieldset", "utrecht-form-fieldset--html-fieldset", error && "utrecht-form-fieldset--invalid")} aria-describedby="ballot-hint">
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{hint}</legend>
        <Paragraph className="utrecht-form-field-description">
          <span id="ballot-hint">
            {projectsHint ? `${projectsHint} ` : null}
            {t("vote.ballot.final")}
          </span>
        </Paragraph>
        {options.map((o) => {
          const id = `option-${o.id}`;
          return (
            <div key={o.id} className={cx("utrecht-form-field", single ? "utrecht-form-field--radio" : "utrecht-form-field--checkbox")}>
              <div className="utrecht-form-field__input">
                <input
                  id={id}
                  type={single ? "radio" : "checkbox"}
                  name="option"
                  value={o.id}
                  defaultChecked={chosen.includes(o.id)}
                  onChange={(e) => toggle(o.id, e.currentTarget.checked)}
                  aria-describedby={o.description || o.cost !== null ? `${id}-description` : undefined}
                  className={single ? "utrecht-radio-button utrecht-radio-button--html-input" : "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"}
                />
              </div>
              <div className={cx("utrecht-form-field__label", single ? "utrecht-form-field__label--radio" : "utrecht-form-field__label--checkbox")}>
                <label className={cx("utrecht-form-label", single ? "utrecht-form-label--radio" : "utrecht-form-label--checkbox")} htmlFor={id}>
                  {o.title}
                  {o.cost !== null ? ` (${euro(o.cost)})` : null}
                </label>
              </div>
              {o.description || o.cost !== null || o.linked ? (
                <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
                  {o.description}
                  {o.linked ? (
                    <>
                      {" "}
                      <a className="utrecht-link" href={o.linked.path}>
                        {t("vote.page.linked", { title: o.linked.title })}
                      </a>
                    </>
                  ) : null}
                </div>
              ) : null}
              {o.imageUrl ? <img className="inspraak-vote-image" src={o.imageUrl} alt={o.imageAlt ?? ""} loading="lazy" /> : null}
            </div>
          );
        })}
      </fieldset>
      {vote.ballotType === "budget" ? (
        <div className="inspraak-stack">
          <Paragraph>
            <output aria-live="polite" htmlFor={options.map((o) => `option-${o.id}`).join(" ")}>
              {t("vote.ballot.total", { spent: euro(spent), budget: euro(budget), left: euro(Math.max(0, budget - spent)) })}
            </output>
          </Paragraph>
          {spent > budget ? <Alert type="warning">{t("vote.ballot.overBy", { over: euro(spent - budget) })}</Alert> : null}
          <Button appearance="secondary" name="intent" value="recalculate">
            {t("vote.ballot.recalculate")}
          </Button>
        </div>
      ) : null}
      <SubmitButton name="intent" value="cast">
        {t("vote.ballot.cast")}
      </SubmitButton>
    </Form>
  );
}
