import { z, type ZodTypeAny } from "zod";
import type { Translate } from "~/i18n";
import type { FieldErrors } from "~/utils/forms.server";
import type { MessageKey } from "~/i18n";
import { settingGroups, settingKeys, settingSchema, type SettingKey, type Settings } from "~/modules/settings/settings.schema";

// The admin settings page renders one field per registered key (the platform's own, then each
// kind's, settings.schema.ts); this reads what kind of field each schema wants, so a kind's keys
// appear without changes here.

export type SettingField = { key: SettingKey } & (
  | { kind: "boolean"; value: boolean }
  | { kind: "number"; value: number | null; min?: number; max?: number }
  | { kind: "choice"; value: string | null; options: string[]; optional: boolean }
  | { kind: "text"; value: string | null; min?: number; max?: number }
);

/** The fields of one declaring module, under its heading (none for the platform's own). */
export interface SettingSection {
  heading: MessageKey | null;
  fields: SettingField[];
}

/** Peels defaults, optionals and preprocessing off a schema to find the type underneath. */
function innermost(schema: ZodTypeAny): ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault) current = current._def.innerType;
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodEffects) current = current.innerType();
    else return current;
  }
}

/** The admin page's fields, section by section: the platform's own, then each kind's. */
export function settingSections(values: Settings): SettingSection[] {
  return settingGroups().map((group) => ({
    heading: group.heading ?? null,
    fields: settingFields(values, Object.keys(group.fields) as SettingKey[]),
  }));
}

export function settingFields(values: Settings, keys: SettingKey[] = settingKeys()): SettingField[] {
  return keys.map((key): SettingField => {
    const schema = settingSchema(key)!;
    const inner = innermost(schema);
    const value = values[key] as unknown;
    if (inner instanceof z.ZodBoolean) return { key, kind: "boolean", value: Boolean(value) };
    if (inner instanceof z.ZodNumber) {
      return { key, kind: "number", value: typeof value === "number" ? value : null, min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined };
    }
    if (inner instanceof z.ZodEnum) {
      return { key, kind: "choice", value: typeof value === "string" ? value : null, options: [...(inner.options as string[])], optional: schema.isOptional() };
    }
    return {
      key,
      kind: "text",
      value: typeof value === "string" ? value : value == null ? null : String(value),
      min: inner instanceof z.ZodString ? inner.minLength ?? undefined : undefined,
      max: inner instanceof z.ZodString ? inner.maxLength ?? undefined : undefined,
    };
  });
}

/** The form's schema: every key's own validation; an empty choice for an optional key means "unset". */
export function settingsFormSchema() {
  const shape = Object.fromEntries(
    settingKeys().map((key) => {
      const schema = settingSchema(key)!;
      // Only a setting that may be unset takes "" as unset. A setting with a default is not one:
      // an emptied municipality name must be refused, not quietly replaced by the default.
      if (schema instanceof z.ZodOptional) return [key, z.preprocess((v) => (v === "" ? undefined : v), schema)];
      // An emptied number is no number (z.coerce would read it as 0).
      if (innermost(schema) instanceof z.ZodNumber) return [key, z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? Number.NaN : v), schema)];
      return [key, schema];
    }),
  ) as Record<SettingKey, ZodTypeAny>;
  return z.object(shape).superRefine((settings, ctx) => {
    // Each module's checks across its own keys ("the debate threshold is the higher one").
    for (const group of settingGroups()) {
      for (const issue of group.check?.(settings as Settings) ?? []) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [issue.key], message: issue.message });
      }
    }
  }) as unknown as z.ZodType<Settings>;
}

/** The unit a setting counts in ("dagen", "handtekeningen"), when its module gave one. */
export function settingUnit(key: SettingKey, t: Translate): string {
  const unit = `admin.setting.${key}.unit`;
  return t.has(unit) ? t(unit) : "";
}

/**
 * A number that is missing, not whole, or outside its setting's range is refused with the range
 * itself ("Kies een heel getal van 7 tot en met 365 dagen"), not "enter a valid number". Other
 * refusals of a number (the debate threshold below the response threshold) stay as they are.
 */
export function withRanges(errors: FieldErrors, form: FormData, fields: SettingField[], t: Translate, number: (n: number) => string): FieldErrors {
  const out = { ...errors };
  for (const field of fields) {
    if (field.kind !== "number" || !out[field.key] || field.min === undefined || field.max === undefined) continue;
    const raw = String(form.get(field.key) ?? "").trim();
    const value = raw === "" ? Number.NaN : Number(raw);
    if (Number.isInteger(value) && value >= field.min && value <= field.max) continue;
    out[field.key] = t("admin.settings.outOfRange", { min: number(field.min), max: number(field.max), unit: settingUnit(field.key, t) }).replace(/\s+\./, ".");
  }
  return out;
}
