import { eq, inArray } from "drizzle-orm";
import { settings as settingsTable } from "#db/schema";
import { LOCALES, translator, type Locale } from "~/i18n";
import { getSetting } from "~/modules/settings/settings.server";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { statementOverride, type Statement } from "./statements.rules";

// Replacements are stored in the settings table (key "statement.<name>.<locale>"): they are
// admin-edited values like the other settings, audited as setting changes, and need no table of their own.
const storageKey = (statement: Statement, locale: Locale) => `statement.${statement}.${locale}`;

/** The statement as the app writes it from the current settings. */
export function defaultStatement(statement: Statement, locale: Locale): string {
  const t = translator(locale);
  const municipality = getSetting("municipalityName");
  if (statement === "privacy") {
    return t("privacy.body", { municipality, officer: getSetting("privacyOfficerContact"), months: getSetting("signatureAnonymiseMonths") });
  }
  return t("accessibility.body", { municipality, contact: getSetting("accessibilityContact"), site: env().BASE_URL });
}

function overrides(statement: Statement): Partial<Record<Locale, string>> {
  const keys = LOCALES.map((l) => storageKey(statement, l));
  const rows = db.select().from(settingsTable).where(inArray(settingsTable.key, keys)).all();
  const found: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const value = rows.find((r) => r.key === storageKey(statement, locale))?.value;
    if (typeof value === "string" && value !== "") found[locale] = value;
  }
  return found;
}

/** The markdown shown on the statement's page: the admin's text for this language, else the default. */
export function statementMarkdown(statement: Statement, locale: Locale): string {
  return overrides(statement)[locale] ?? defaultStatement(statement, locale);
}

/** For the admin's form: the text per language and whether it is the default. */
export function statementForEditing(statement: Statement) {
  const custom = overrides(statement);
  return Object.fromEntries(
    LOCALES.map((l) => [l, { text: custom[l] ?? defaultStatement(statement, l), isDefault: custom[l] === undefined }]),
  ) as Record<Locale, { text: string; isDefault: boolean }>;
}

/**
 * Saves the admin's texts (or, on reset, goes back to the defaults). Only languages whose text
 * changed are written and audited, so saving an unchanged form writes nothing.
 */
export function saveStatement(
  actorId: string,
  statement: Statement,
  input: { intent: "save" | "reset"; nl: string; en: string },
): { ok: true; changed: number } {
  const current = overrides(statement);
  let changed = 0;
  db.transaction((tx) => {
    for (const locale of LOCALES) {
      const next = input.intent === "reset" ? null : statementOverride(input[locale], defaultStatement(statement, locale));
      const before = current[locale] ?? null;
      if (next === before) continue;
      const key = storageKey(statement, locale);
      if (next === null) tx.delete(settingsTable).where(eq(settingsTable.key, key)).run();
      else tx.insert(settingsTable).values({ key, value: next }).onConflictDoUpdate({ target: settingsTable.key, set: { value: next } }).run();
      recordAudit(tx, { actorId, action: "settings.update", entityType: "setting", entityId: key, before, after: next });
      changed++;
    }
  });
  return { ok: true, changed };
}
