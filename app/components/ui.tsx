// Shared building blocks on NL Design System (Utrecht) component classes. Components render
// plain HTML that works without JavaScript; Remix <Form> adds JS enhancement where present.
import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/utils/i18n";

const cx = (...names: Array<string | false | null | undefined>) => names.filter(Boolean).join(" ");

export function Heading({ level, children, id, className }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string; className?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={cx(`utrecht-heading-${level}`, className)}>
      {children}
    </Tag>
  );
}

export function Paragraph({ children, lead, className }: { children: ReactNode; lead?: boolean; className?: string }) {
  return <p className={cx("utrecht-paragraph", lead && "utrecht-paragraph--lead", className)}>{children}</p>;
}

export function Link({ className, ...props }: LinkProps) {
  return <RemixLink className={cx("utrecht-link", className)} {...props} />;
}

type ButtonAppearance = "primary" | "secondary" | "subtle";

export function Button({
  appearance = "primary",
  className,
  type = "submit",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: ButtonAppearance }) {
  return (
    <button
      type={type}
      className={cx("utrecht-button", `utrecht-button--${appearance}-action`, className)}
      {...props}
    />
  );
}

export function ButtonLink({ appearance = "primary", className, ...props }: LinkProps & { appearance?: ButtonAppearance }) {
  return <RemixLink className={cx("utrecht-button-link", `utrecht-button-link--${appearance}-action`, className)} {...props} />;
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="utrecht-button-group">{children}</div>;
}

export function Alert({ type = "info", children, role }: { type?: "info" | "ok" | "warning" | "error"; children: ReactNode; role?: "alert" | "status" }) {
  return (
    <div className={cx("utrecht-alert", `utrecht-alert--${type}`)} role={role ?? (type === "error" ? "alert" : "status")}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** Lists a form's errors at the top, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ errors, labels }: { errors?: Record<string, string>; labels?: Record<string, string> }) {
  const { t } = useT();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <div className="utrecht-alert__content">
        <h2 id="error-summary-title" className="utrecht-heading-3">
          {t("form.errorSummary")}
        </h2>
        <ul className="utrecht-unordered-list">
          {entries.map(([field, message]) => (
            <li key={field} className="utrecht-unordered-list__item">
              {field === "form" ? message : <a className="utrecht-link" href={`#field-${field}`}>{labels?.[field] ? `${labels[field]}: ` : ""}{message}</a>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldShell {
  name: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
}

function FieldFrame({ name, label, description, error, optional, children, kind = "text" }: FieldShell & { children: ReactNode; kind?: string }) {
  const { t } = useT();
  return (
    <div className={cx("utrecht-form-field", `utrecht-form-field--${kind}`, error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={`field-${name}`}>
          {label}
          {optional ? <span className="inspraak-optional"> {t("form.optional")}</span> : null}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={`field-${name}-error`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

const describedBy = (name: string, description?: ReactNode, error?: string) =>
  [description ? `field-${name}-description` : null, error ? `field-${name}-error` : null].filter(Boolean).join(" ") || undefined;

export function TextField({
  name, label, description, error, optional, className, ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <FieldFrame name={name} label={label} description={description} error={error} optional={optional}>
      <input
        id={`field-${name}`}
        name={name}
        className={cx("utrecht-textbox", "utrecht-textbox--html-input", error && "utrecht-textbox--invalid", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
        required={!optional && input.type !== "checkbox" ? input.required ?? false : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextArea({
  name, label, description, error, optional, className, ...input
}: FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <FieldFrame name={name} label={label} description={description} error={error} optional={optional} kind="textarea">
      <textarea
        id={`field-${name}`}
        name={name}
        className={cx("utrecht-textarea", "utrecht-textarea--html-textarea", error && "utrecht-textarea--invalid", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  name, label, description, error, optional, options, className, ...select
}: FieldShell & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & { options: Array<{ value: string; label: string }> }) {
  return (
    <FieldFrame name={name} label={label} description={description} error={error} optional={optional} kind="select">
      <select
        id={`field-${name}`}
        name={name}
        className={cx("utrecht-select", "utrecht-select--html-select", error && "utrecht-select--invalid", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  name, label, description, error, className, ...input
}: Omit<FieldShell, "optional"> & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--checkbox", error && "utrecht-form-field--invalid")}>
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={`field-${name}-error`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">
        <input
          id={`field-${name}`}
          type="checkbox"
          name={name}
          className={cx("utrecht-checkbox", "utrecht-checkbox--html-input", "utrecht-checkbox--custom", className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, description, error)}
          {...input}
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`field-${name}`}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function StatusBadge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "active" | "success" | "warning" | "danger" }) {
  return <span className={cx("utrecht-status-badge", `utrecht-status-badge--${tone}`)}>{children}</span>;
}

export function DataList({ items }: { items: Array<{ key: ReactNode; value: ReactNode }> }) {
  return (
    <dl className="utrecht-data-list">
      {items.map((item, index) => (
        <div className="utrecht-data-list__item" key={index}>
          <dt className="utrecht-data-list__item-key">{item.key}</dt>
          <dd className="utrecht-data-list__item-value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A column of a Table: its header, and whether it holds numbers (right-aligned). */
export type TableColumn = ReactNode | { label: ReactNode; numeric?: boolean };

function isLabelled(column: TableColumn): column is { label: ReactNode; numeric?: boolean } {
  return typeof column === "object" && column !== null && "label" in column;
}

/** A Utrecht table with its caption and column headers; the rows (TableRow) come as children. */
export function Table({ caption, columns, footer, children }: { caption: ReactNode; columns: TableColumn[]; footer?: ReactNode; children: ReactNode }) {
  return (
    <table className="utrecht-table utrecht-table--html-table">
      <caption className="utrecht-table__caption">{caption}</caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          {columns.map((column, index) =>
            isLabelled(column) ? (
              <th key={index} scope="col" className={cx("utrecht-table__header-cell", column.numeric && "utrecht-table__header-cell--numeric")}>
                {column.label}
              </th>
            ) : (
              <th key={index} scope="col" className="utrecht-table__header-cell">
                {column}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">{children}</tbody>
      {footer ? <tfoot className="utrecht-table__footer">{footer}</tfoot> : null}
    </table>
  );
}

export function TableRow({ children }: { children: ReactNode }) {
  return <tr className="utrecht-table__row">{children}</tr>;
}

/** The cell that names its row (a header for screen readers). */
export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="utrecht-table__header-cell">
      {children}
    </th>
  );
}

export function Cell({ numeric, children }: { numeric?: boolean; children?: ReactNode }) {
  return <td className={cx("utrecht-table__cell", numeric && "utrecht-table__cell--numeric")}>{children}</td>;
}

/** Page links that keep the other query parameters; plain links, so they work without JavaScript. */
export function Pagination({ page, pages, query }: { page: number; pages: number; query?: URLSearchParams }) {
  const { t } = useT();
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(p));
    return `?${params.toString()}`;
  };
  return (
    <nav className="utrecht-pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <RemixLink className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" to={href(page - 1)}>
          {t("pagination.previous")}
        </RemixLink>
      ) : null}
      <span className="utrecht-pagination__page-status"> {t("pagination.page", { page, pages })} </span>
      {page < pages ? (
        <RemixLink className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" to={href(page + 1)}>
          {t("pagination.next")}
        </RemixLink>
      ) : null}
    </nav>
  );
}

/** Server-sanitised HTML (see markdown.server.ts); never pass anything else. */
export function RichText({ html }: { html: string }) {
  return <div className="utrecht-rich-text inspraak-rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
