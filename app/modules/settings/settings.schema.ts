import { z, type ZodTypeAny } from "zod";
import type { MessageKey } from "~/i18n";

/** A yes/no setting; forms send "true"/"false" (a select), JSON sends booleans. */
export const yesNo = (fallback: boolean) =>
  z.preprocess((v) => (typeof v === "string" ? v === "true" || v === "on" : v), z.boolean()).default(fallback);

/**
 * The platform's own settings: its name, statements, language, and the participation core's rules
 * for comments and flags. Each kind of topic declares its own in its manifest (`settings`), and the
 * composition root registers them here through `registerSettings`; the admin settings page renders
 * a field per registered key, grouped by who declared it.
 */
export const CORE_SETTINGS = {
  municipalityName: z.string().trim().min(2).max(80).default("Gemeente Voorbeeldstad"),
  /** Named in the privacy statement: where residents ask about their data (AVG art. 37-39). */
  privacyOfficerContact: z.string().trim().min(3).max(200).default("privacy@voorbeeldstad.example"),
  /** Named in the accessibility statement: where to report a barrier. */
  accessibilityContact: z.string().trim().min(3).max(200).default("toegankelijkheid@voorbeeldstad.example"),
  /** Unset means the DEFAULT_LOCALE environment variable. */
  defaultLocale: z.enum(["nl", "en"]).optional(),
  /** How long support (signatures) keeps the supporter's name after the topic closed; named in the privacy statement. */
  signatureAnonymiseMonths: z.coerce.number().int().min(1).max(60).default(6),
  // The participation core: comments and flags, for every kind
  commentRequireVerifiedEmail: yesNo(true),
  commentMinAccountAgeHours: z.coerce.number().int().min(0).max(24 * 90).default(0),
  commentEditWindowMinutes: z.coerce.number().int().min(0).max(24 * 60).default(15),
  flagHideThreshold: z.coerce.number().int().min(1).max(100).default(3),
} as const;

/** A group of settings as a module declares it: each key's validation with its default. */
export type SettingSchemas = Record<string, ZodTypeAny>;

/** The registered settings' schemas by key; each kind adds its own by declaration merging, as permissions do. */
export interface SettingsRegistry extends SchemasOf<typeof CORE_SETTINGS> {}
export type SchemasOf<T extends SettingSchemas> = { [K in keyof T]: T[K] };

export type SettingKey = keyof SettingsRegistry & string;
export type SettingValue<K extends SettingKey> = z.output<SettingsRegistry[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

/**
 * What a kind declares: its keys, and a check across them ("the debate threshold is the higher
 * one") answered as the message for one key.
 */
export interface SettingsGroup {
  /** Who declared them, shown as the group's heading on the admin page (a kind's menu label). */
  heading?: MessageKey;
  fields: SettingSchemas;
  check?: (values: Settings) => Array<{ key: SettingKey; message: MessageKey }>;
}

const groups: SettingsGroup[] = [{ fields: CORE_SETTINGS }];
const schemas = new Map<string, ZodTypeAny>(Object.entries(CORE_SETTINGS));

/** Registers a module's settings (the composition root does, with each kind). Registering the same group again is a no-op. */
export function registerSettings(group: SettingsGroup): void {
  if (groups.includes(group)) return;
  for (const key of Object.keys(group.fields)) {
    if (schemas.has(key)) throw new Error(`Setting ${key} is declared twice`);
  }
  groups.push(group);
  for (const [key, schema] of Object.entries(group.fields)) schemas.set(key, schema);
  for (const listener of listeners) listener();
}

const listeners: Array<() => void> = [];
/** Lets the settings cache forget values read before a group was registered. */
export function onSettingsRegistered(listener: () => void): void {
  listeners.push(listener);
}

/** The registered groups, the platform's own first. */
export function settingGroups(): readonly SettingsGroup[] {
  return groups;
}

/** Every registered key, in the order of the admin page. */
export function settingKeys(): SettingKey[] {
  return [...schemas.keys()] as SettingKey[];
}

/** A registered key's schema; an unknown key is a programming error (a kind not registered in app/kinds.ts). */
export function settingSchema(key: string): ZodTypeAny | undefined {
  return schemas.get(key);
}

export function defaultSettings(): Settings {
  return Object.fromEntries([...schemas].map(([key, schema]) => [key, schema.parse(undefined)])) as Settings;
}
