// The audit log in words, made on the server in the reader's language: what an entry is about (a
// setting by the name the settings page gives it) and what changed ("Status: Ingediend → Open"),
// never raw JSON or internal ids. A field without words yet shows as itself.
import { formatDate, type Locale, type Translate } from "~/i18n/translate";

/** A setting's name as the settings page shows it; a statement text as "Privacyverklaring (Nederlands)". */
export function auditSettingLabel(key: string, t: Translate): string {
  const statement = /^statement\.(\w+)\.(nl|en)$/.exec(key);
  if (statement) {
    const name = `admin.statements.${statement[1]}`;
    const language = `admin.statements.text.${statement[2]}`;
    if (t.has(name) && t.has(language)) return `${t(name)} · ${t(language)}`;
  }
  const messageKey = `admin.setting.${key}`;
  return t.has(messageKey) ? t(messageKey) : key;
}

/** One line of "what changed": a field in words, its value before (absent when it was only set) and after. */
export interface AuditChange {
  field: string;
  from?: string;
  to: string;
}

// Internal ids in a snapshot say nothing to a reader; the entity itself is linked beside it.
const INTERNAL_KEYS = new Set(["outcomeId", "stepId", "userId", "topicId", "commentId", "verification", "verifications", "batch"]);
const LONG_TEXT = 160;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueWords(entityType: string, field: string, value: unknown, t: Translate, locale: Locale): string {
  if (value === null || value === undefined || value === "") return t("moderation.audit.value.none");
  if (typeof value === "boolean") return t(value ? "moderation.audit.value.yes" : "moderation.audit.value.no");
  if (value instanceof Date) return formatDate(locale, value, "datetime");
  if (Array.isArray(value)) return value.length ? value.map((v) => valueWords(entityType, field, v, t, locale)).join(", ") : t("moderation.audit.value.none");
  if (typeof value === "string") {
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return formatDate(locale, new Date(value), "datetime");
    // Status words and rejection codes have words per kind, roles per account.
    const own = field === "status" ? `${entityType}.status.${value}` : field === "code" ? `${entityType}.rejection.${value}` : field === "roles" ? `account.role.${value}` : null;
    for (const key of [own, `moderation.audit.value.${field}.${value}`]) if (key && t.has(key)) return t(key);
    return value.length > LONG_TEXT ? t("moderation.audit.value.longText", { count: value.length }) : value;
  }
  if (typeof value === "number") return String(value);
  return t("moderation.audit.value.changed");
}

function fieldWords(field: string, t: Translate): string {
  const key = `moderation.audit.field.${field}`;
  return t.has(key) ? t(key) : field;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What changed between an entry's before and after, in words: one line per field that differs
 * (a setting's value is one line named after the setting). Internal ids are left out.
 */
export function auditChanges(
  entry: { entityType: string; entityId: string; before: unknown; after: unknown },
  t: Translate,
  locale: Locale,
): AuditChange[] {
  const { entityType, before, after } = entry;
  if (!isRecord(before) && !isRecord(after)) {
    if (before == null && after == null) return [];
    const field = entityType === "setting" ? auditSettingLabel(entry.entityId, t) : fieldWords("value", t);
    return [{ field, from: before === undefined ? undefined : valueWords(entityType, "value", before, t, locale), to: valueWords(entityType, "value", after, t, locale) }];
  }
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((f) => !INTERNAL_KEYS.has(f));
  return fields
    .filter((f) => !same(was[f], now[f]))
    .map((f) => ({
      field: fieldWords(f, t),
      from: f in was ? valueWords(entityType, f, was[f], t, locale) : undefined,
      to: f in now ? valueWords(entityType, f, now[f], t, locale) : t("moderation.audit.value.none"),
    }));
}
