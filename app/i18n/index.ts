import * as common from "./common";
import * as accounts from "./accounts";
import * as petitions from "./petitions";
import * as discussions from "./discussions";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const nl = { ...common.nl, ...accounts.nl, ...petitions.nl, ...discussions.nl };
export type MessageKey = keyof typeof nl;
const en: Record<MessageKey, string> = { ...common.en, ...accounts.en, ...petitions.en, ...discussions.en };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

/** Returns a translator for a locale; `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, params) => {
    const template = messages[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

/** Whether a string is a message key, for reasons and codes that travel as data. */
export function isMessageKey(value: string): value is MessageKey {
  return value in nl;
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
