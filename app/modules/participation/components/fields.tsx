// Form fields with explicit ids, for pages that hold several forms of the same kind (a thread,
// the moderation queue): the shared ui.tsx fields derive the id from the name, which would repeat.
import type { ReactNode, TextareaHTMLAttributes } from "react";
import { useT } from "~/utils/i18n";

const cx = (...names: Array<string | false | null | undefined>) => names.filter(Boolean).join(" ");

export function TextAreaField({
  id,
  name,
  label,
  description,
  error,
  optional,
  className,
  required,
  ...input
}: {
  id: string;
  name: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  const { t } = useT();
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--textarea", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
          {optional ? <span className="inspraak-optional"> {t("form.optional")}</span> : null}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">
        <textarea
          id={id}
          name={name}
          className={cx("utrecht-textarea", "utrecht-textarea--html-textarea", error && "utrecht-textarea--invalid", className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          // Announced as required without the browser's :invalid styling on an untouched field;
          // the server says what is missing, beside the field.
          aria-required={required ? true : undefined}
          {...input}
        />
      </div>
    </div>
  );
}

/** A group of radio buttons in a fieldset; the first option's input carries `${idPrefix}` for error links. */
export function RadioGroup({
  idPrefix,
  name,
  legend,
  options,
  defaultValue,
  error,
}: {
  idPrefix: string;
  name: string;
  legend: ReactNode;
  options: Array<{ value: string; label: string }>;
  defaultValue?: string;
  error?: string;
}) {
  return (
    <fieldset
      className={cx("utrecht-form-fieldset", "utrecht-form-fieldset--html-fieldset", error && "utrecht-form-fieldset--invalid")}
      aria-describedby={error ? `${idPrefix}-error` : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${idPrefix}-error`}>
          {error}
        </div>
      ) : null}
      {options.map((option, index) => {
        const id = index === 0 ? idPrefix : `${idPrefix}-${option.value || "none"}`;
        return (
          <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
            <div className="utrecht-form-field__input">
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                defaultChecked={defaultValue === option.value}
                aria-invalid={error ? true : undefined}
                className={cx("utrecht-radio-button", "utrecht-radio-button--html-input", error && "utrecht-radio-button--invalid")}
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--radio">
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                {option.label}
              </label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
