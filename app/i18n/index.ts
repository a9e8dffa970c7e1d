import * as common from "./common";
import * as accounts from "./accounts";
import * as petitions from "./petitions";
import * as discussions from "./discussions";
import * as residents from "./residents";
import * as proposals from "./proposals";
import * as votes from "./votes";
import * as eligibility from "./eligibility";
import * as council from "./council";
import * as transparency from "./transparency";
import * as opendata from "./opendata";
import * as bylaws from "./bylaws";
import * as dashboard from "./dashboard";
import * as api from "./api";
import * as webhooks from "./webhooks";
import { namespaceOf, translatorFor, type Locale, type Messages, type Translate } from "./translate";

// The whole catalogue: for server code (loaders, actions, emails). Browser code imports
// ./translate and gets its page's messages from the root loader (messagesFor), never this module.
export * from "./translate";

const nl = { ...common.nl, ...accounts.nl, ...petitions.nl, ...discussions.nl, ...residents.nl, ...transparency.nl, ...council.nl, ...opendata.nl, ...votes.nl, ...eligibility.nl, ...bylaws.nl, ...proposals.nl, ...dashboard.nl, ...api.nl, ...webhooks.nl };
export type MessageKey = keyof typeof nl;
const en: Record<MessageKey, string> = { ...common.en, ...accounts.en, ...petitions.en, ...discussions.en, ...residents.en, ...transparency.en, ...council.en, ...opendata.en, ...votes.en, ...eligibility.en, ...bylaws.en, ...proposals.en, ...dashboard.en, ...api.en, ...webhooks.en };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

const translators = new Map<Locale, Translate>();

/** A translator over the whole catalogue of a locale (server code). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = translatorFor(locale, catalogs[locale]);
    translators.set(locale, t);
  }
  return t;
}

/** Whether a string is a message key, for reasons and codes that travel as data. */
export function isMessageKey(value: string): value is MessageKey {
  return value in nl;
}

/** Every namespace of the catalogue (the first part of each key). */
export const NAMESPACES: ReadonlySet<string> = new Set(Object.keys(nl).map(namespaceOf));

const byNamespace = new Map<string, Messages>();

/**
 * The messages of some namespaces in one locale: what a page sends the browser. A namespace is
 * the first part of a key ("petition"); a part ending in a dot ("petition.sign.") narrows it to
 * the keys that start with it, for a page that needs a corner of a large namespace.
 */
export function messagesFor(locale: Locale, namespaces: Iterable<string>, keys: Iterable<string> = []): Messages {
  const out: Messages = {};
  for (const namespace of namespaces) {
    const cacheKey = `${locale}:${namespace}`;
    let part = byNamespace.get(cacheKey);
    if (!part) {
      part = {};
      const prefix = namespace.endsWith(".") ? namespace : `${namespace}.`;
      for (const key of Object.keys(catalogs[locale]) as MessageKey[]) {
        if (key.startsWith(prefix)) part[key] = catalogs[locale][key];
      }
      byNamespace.set(cacheKey, part);
    }
    Object.assign(out, part);
  }
  for (const key of keys) if (isMessageKey(key)) out[key] = catalogs[locale][key];
  return out;
}
