// Shared building blocks on NL Design System (Utrecht) component classes. Components render
// plain HTML that works without JavaScript; Remix <Form> adds JS enhancement where present.
import { Link as RemixLink, useActionData, useFetchers, useNavigation, type LinkProps } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/utils/i18n";
import { pageHref } from "~/utils/keyset";

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
  buttonRef,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: ButtonAppearance; buttonRef?: RefObject<HTMLButtonElement> }) {
  return (
    <button
      ref={buttonRef}
      type={type}
      className={cx("utrecht-button", `utrecht-button--${appearance}-action`, className)}
      {...props}
    />
  );
}

/** A submission in flight: the page's navigation or a fetcher, as Remix reports them. */
interface InFlight {
  state: string;
  formAction?: string;
  formData?: FormData;
}

/** Whether a submission in flight was sent by this form: same action path, and every field of the form in it. */
function sentBy(form: HTMLFormElement, flight: InFlight): boolean {
  if (flight.state === "idle" || !flight.formAction || !flight.formData) return false;
  const base = document.baseURI;
  if (new URL(flight.formAction, base).pathname !== new URL(form.action || base, base).pathname) return false;
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && !flight.formData.getAll(name).includes(value)) return false;
  }
  return true;
}

/**
 * A submit button that is disabled while its own form is being sent and its answer loaded, so a
 * double click with JavaScript sends one request (the server's submission key catches the rest).
 * The label stays. Without JavaScript it is a plain submit button.
 */
export function SubmitButton({ disabled, ...props }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & { appearance?: ButtonAppearance }) {
  const ref = useRef<HTMLButtonElement>(null);
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const [pending, setPending] = useState(false);
  useEffect(() => {
    const form = ref.current?.form;
    setPending(Boolean(form) && [navigation as InFlight, ...(fetchers as InFlight[])].some((flight) => sentBy(form!, flight)));
  }, [navigation, fetchers]);
  const off = Boolean(disabled) || pending;
  return <Button {...props} buttonRef={ref} type="submit" disabled={off} aria-disabled={off || undefined} />;
}

/** The hidden `submission` field of a form that creates something; the key comes from the loader (newSubmissionKey). */
export function SubmissionKey({ value }: { value: string | null | undefined }) {
  return value ? <input type="hidden" name="submission" value={value} /> : null;
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

/**
 * Moves the focus to an error summary when it appears, or says something new, after a post with
 * JavaScript, so keyboard and screen-reader users start at what went wrong. (Without JavaScript
 * the page loads afresh and nothing moves.) `messages` is what the summary says; "" when hidden.
 */
export function useFocusOnErrors(ref: RefObject<HTMLElement>, messages: string) {
  const answer = useActionData();
  useEffect(() => {
    if (messages) ref.current?.focus();
  }, [ref, messages, answer]);
}

/** Lists a form's errors at the top, each linking to its field (WCAG 3.3.1); takes the focus when it appears. */
/** A field's label as the error summary prints it before ": message": without its own closing punctuation ("doen?" gives "doen"). */
export function summaryLabel(label: string): string {
  return label.replace(/[\s?!.:;,…]+$/u, "");
}

/**
 * A form's errors at its top, each linking to its field. Fields made by this file have the id
 * `field-<name>`; a page with several forms of one kind (a thread, the moderation queue) gives its own
 * `ids` and `headingId`, so ids never repeat.
 */
export function ErrorSummary({
  errors,
  labels,
  ids,
  headingId = "error-summary-title",
}: {
  errors?: Record<string, string>;
  labels?: Record<string, string>;
  ids?: Record<string, string>;
  headingId?: string;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useFocusOnErrors(ref, entries.map(([field, message]) => `${field}: ${message}`).join("\n"));
  if (entries.length === 0) return null;
  return (
    <div ref={ref} className="utrecht-alert utrecht-alert--error" role="alert" aria-labelledby={headingId} tabIndex={-1}>
      <div className="utrecht-alert__content">
        <h2 id={headingId} className="utrecht-heading-3">
          {/* Only a message about the whole form (a limit, a state that changed meanwhile) is not a typing mistake. */}
          {t(entries.every(([field]) => field === "form") ? "form.errorSummaryNotDone" : "form.errorSummary")}
        </h2>
        <ul className="utrecht-unordered-list">
          {entries.map(([field, message]) => (
            <li key={field} className="utrecht-unordered-list__item">
              {field === "form" || (ids && !ids[field]) ? (
                message
              ) : (
                <a className="utrecht-link" href={`#${ids ? ids[field] : `field-${field}`}`}>
                  {labels?.[field] ? `${summaryLabel(labels[field])}: ` : ""}
                  {message}
                </a>
              )}
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
  const captionId = useId();
  // Words are not broken mid-word in cells; a table wider than the screen scrolls sideways in its
  // own region, which keyboard users can reach and scroll (it is named by the caption).
  return (
    <div className="inspraak-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption id={captionId} className="utrecht-table__caption">{caption}</caption>
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
    </div>
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

/**
 * "Previous" and "Next" for a list paged by key (app/utils/keyset.ts): plain links, so they work
 * without JavaScript; `prev` and `next` are the cursors the loader gave, null at either end.
 */
export function KeysetPagination({ prev, next, query }: { prev: string | null; next: string | null; query?: URLSearchParams }) {
  const { t } = useT();
  if (!prev && !next) return null;
  return (
    <nav className="utrecht-pagination" aria-label={t("pagination.label")}>
      {prev ? (
        <RemixLink className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" to={pageHref(query ?? new URLSearchParams(), { before: prev })}>
          {t("pagination.previous")}
        </RemixLink>
      ) : null}{" "}
      {next ? (
        <RemixLink className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" to={pageHref(query ?? new URLSearchParams(), { after: next })}>
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
