// The client-safe half of the i18n machinery: how a message is filled in, and dates and numbers.
// It holds no catalogue: the browser gets the messages its page needs from the root loader
// (app/i18n/index.ts picks them per namespace on the server; see docs/decisions).
import type { MessageKey } from "./index";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageParams = Record<string, string | number>;
/** Messages of one locale, as many namespaces as a page needs. */
export type Messages = Partial<Record<MessageKey, string>>;

export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  /** Whether the key is a message this translator knows, for reasons and codes that travel as data. */
  has(key: string): key is MessageKey;
  readonly locale: Locale;
}

/** A route module's `handle`: the message namespaces ("petition") and single keys ("auth.verify.notice") its components use. */
export interface MessagesHandle {
  i18n?: readonly string[];
}

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

/** The namespace of a message key: the part before its first dot ("petition" for "petition.sign.title"). */
export function namespaceOf(key: string): string {
  const dot = key.indexOf(".");
  return dot === -1 ? key : key.slice(0, dot);
}

/**
 * Returns a translator over a locale's messages; `{name}` placeholders are filled from params. A message may
 * choose its words by a number, ICU style: `{count, plural, one {# petitie} other {# petities}}`
 * (also `=0 {...}`). The branch is picked by Intl.PluralRules for the locale; `#` is the number,
 * formatted for the locale when it is passed as a number, as given when passed as a string (a count
 * already formatted by the caller, e.g. "1.234", is read back in the locale to pick the branch).
 */
export function translatorFor(locale: Locale, messages: Messages): Translate {
  const t = (key: MessageKey, params?: MessageParams): string => {
    const found = messages[key];
    // Under test, a message the page did not send is an error (its route's handle.i18n lacks it);
    // in the browser the key itself shows, as before.
    if (found === undefined && import.meta.env?.MODE === "test") throw new Error(`The message "${key}" is not among the messages this page sent (add its namespace to the route's handle.i18n).`);
    let template: string = found ?? key;
    if (params && template.includes(", plural,")) template = selectPlurals(locale, template, params);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      if (!(name in params)) return match;
      const value = params[name]!;
      // A number reads as numbers do everywhere else ("2.000" in Dutch, "2,000" in English);
      // an id or a line number is a label, not an amount.
      return typeof value === "number" && !UNFORMATTED.has(name) ? formatNumber(locale, value) : String(value);
    });
  };
  return Object.assign(t, {
    has: (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(messages, key),
    locale,
  });
}

/** Params that are labels rather than amounts: shown as given. */
const UNFORMATTED = new Set(["id", "line", "year"]);

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The number a count param stands for: itself, or a string formatted in the locale ("1.234" in Dutch, "1,234" in English). */
export function countOf(locale: Locale, value: string | number): number {
  if (typeof value === "number") return value;
  const [group, decimal] = locale === "nl" ? [".", ","] : [",", "."];
  const plain = value.replace(/[\s\u00a0\u202f]/g, "").split(group).join("").replace(decimal, ".");
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}

/** The plural category ("one", "other", ...) of a count in a locale. */
export function pluralCategory(locale: Locale, value: string | number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale === "nl" ? "nl-NL" : "en-GB");
    pluralRules.set(locale, rules);
  }
  const n = countOf(locale, value);
  return Number.isNaN(n) ? "other" : rules.select(n);
}

/** The text between the brace at `open` and its matching close, and the index after it; null when unbalanced. */
function braced(text: string, open: number): { inner: string; end: number } | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
  }
  return null;
}

/** Replaces each `{name, plural, ...}` in a message by the branch its param's count selects. */
function selectPlurals(locale: Locale, template: string, params: MessageParams): string {
  const start = /\{(\w+),\s*plural,/g;
  let out = "";
  let from = 0;
  for (let m = start.exec(template); m; m = start.exec(template)) {
    const whole = braced(template, m.index);
    if (!whole) break;
    const name = m[1]!;
    out += template.slice(from, m.index);
    from = whole.end;
    start.lastIndex = whole.end;
    if (!(name in params)) {
      out += template.slice(m.index, whole.end);
      continue;
    }
    const value = params[name]!;
    const branches = new Map<string, string>();
    const body = whole.inner.slice(m[0].length - 1);
    const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
    let at = 0;
    for (;;) {
      selector.lastIndex = at;
      const s = selector.exec(body);
      if (!s) break;
      const branch = braced(body, selector.lastIndex - 1);
      if (!branch) break;
      branches.set(s[1]!, branch.inner);
      at = branch.end;
    }
    const exact = branches.get(`=${countOf(locale, value)}`);
    const chosen = exact ?? branches.get(pluralCategory(locale, value)) ?? branches.get("other") ?? "";
    const shown = typeof value === "number" ? formatNumber(locale, value) : value;
    out += chosen.replace(/#/g, shown);
  }
  return out + template.slice(from);
}

// Building an Intl formatter costs far more than using one: keep one per locale and style.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatDate(locale: Locale, date: Date | number, style: "date" | "datetime" = "date"): string {
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
      dateStyle: "long",
      ...(style === "datetime" ? { timeStyle: "short" } : {}),
      timeZone: "Europe/Amsterdam",
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB");
    numberFormats.set(locale, format);
  }
  return format.format(value);
}
