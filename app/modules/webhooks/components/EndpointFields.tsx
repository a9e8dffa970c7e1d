import { EVERY_EVENT_TYPE } from "#db/schema/webhooks.constants";
import { TextField } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { LIMITS } from "../webhooks.rules";

export interface EventTypeGroup {
  /** The kind's label (a message key) for its own types; null for the types every kind shares. */
  label: string | null;
  types: string[];
}

/** The URL, description and event types of an endpoint: the same fields to register and to edit it. */
export function EndpointFields({
  groups,
  errors,
  values,
}: {
  groups: EventTypeGroup[];
  errors?: Record<string, string>;
  values: { url?: string; description?: string; eventTypes: string[] };
}) {
  const { t } = useT();
  const checked = new Set(values.eventTypes);
  const box = (type: string, label: React.ReactNode) => (
    <div key={type} className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__input">
        <input
          id={`field-eventTypes-${type === EVERY_EVENT_TYPE ? "all" : type}`}
          type="checkbox"
          name="eventTypes"
          value={type}
          defaultChecked={checked.has(type)}
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`field-eventTypes-${type === EVERY_EVENT_TYPE ? "all" : type}`}>
          {label}
        </label>
      </div>
    </div>
  );
  return (
    <>
      <TextField name="url" type="url" label={t("webhook.field.url")} description={t("webhook.field.urlHint")} error={errors?.url} defaultValue={values.url} maxLength={LIMITS.urlMax} aria-required autoComplete="off" />
      <TextField name="description" label={t("webhook.field.description")} description={t("webhook.field.descriptionHint")} error={errors?.description} defaultValue={values.description} maxLength={LIMITS.descriptionMax} optional />
      <fieldset id="field-eventTypes" tabIndex={-1} className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={errors?.eventTypes ? "field-eventTypes-error" : undefined}>
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t("webhook.field.eventTypes")}</legend>
        {errors?.eventTypes ? (
          <div className="utrecht-form-field-error-message" id="field-eventTypes-error">
            {errors.eventTypes}
          </div>
        ) : null}
        {box(EVERY_EVENT_TYPE, t("webhook.field.everyEvent"))}
        {groups.map((group) => (
          <div key={group.label ?? "shared"} className="inspraak-section">
            <p className="utrecht-paragraph">{group.label ? t("webhook.field.kindEvents", { kind: group.label }) : t("webhook.field.sharedEvents")}</p>
            {group.types.map((type) => box(type, <code>{type}</code>))}
          </div>
        ))}
      </fieldset>
    </>
  );
}
