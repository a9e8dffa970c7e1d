import { z, type ZodTypeAny } from "zod";
import { SETTING_KEYS, SETTINGS, type SettingKey, type Settings } from "~/modules/settings/settings.schema";

// The admin settings page renders one field per key of SETTINGS; this reads what kind of field
// each schema wants, so keys added later by other modules appear without changes here.

export type SettingField =
  | { key: SettingKey; kind: "boolean"; value: boolean }
  | { key: SettingKey; kind: "number"; value: number | null; min?: number; max?: number }
  | { key: SettingKey; kind: "choice"; value: string | null; options: string[]; optional: boolean }
  | { key: SettingKey; kind: "text"; value: string | null; max?: number };

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

export function settingFields(values: Settings): SettingField[] {
  return SETTING_KEYS.map((key): SettingField => {
    const schema = SETTINGS[key] as ZodTypeAny;
    const inner = innermost(schema);
    const value = values[key] as unknown;
    if (inner instanceof z.ZodBoolean) return { key, kind: "boolean", value: Boolean(value) };
    if (inner instanceof z.ZodNumber) {
      return { key, kind: "number", value: typeof value === "number" ? value : null, min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined };
    }
    if (inner instanceof z.ZodEnum) {
      return { key, kind: "choice", value: typeof value === "string" ? value : null, options: [...(inner.options as string[])], optional: schema.isOptional() };
    }
    return { key, kind: "text", value: typeof value === "string" ? value : value == null ? null : String(value), max: inner instanceof z.ZodString ? inner.maxLength ?? undefined : undefined };
  });
}

/** The form's schema: every key's own validation; an empty choice for an optional key means "unset". */
export function settingsFormSchema() {
  const shape = Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const schema = SETTINGS[key] as ZodTypeAny;
      return [key, schema.isOptional() ? z.preprocess((v) => (v === "" ? undefined : v), schema) : schema];
    }),
  ) as Record<SettingKey, ZodTypeAny>;
  return z.object(shape).superRefine((settings, ctx) => {
    // A petition is answered before it is debated: the debate threshold is the higher one.
    if (settings.petitionDebateThreshold < settings.petitionResponseThreshold) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["petitionDebateThreshold"], message: "admin.settings.debateBelowResponse" });
    }
  }) as unknown as z.ZodType<Settings>;
}
