import { z, type ZodTypeAny } from "zod";
import type { MessageKey } from "~/i18n";

/** A yes/no setting; forms send "true"/"false" (a select), JSON sends booleans. */
const yesNo = (fallback: boolean) =>
  z.preprocess((v) => (typeof v === "string" ? v === "true" || v === "on" : v), z.boolean()).default(fallback);

/**
 * The platform's own admin settings: their validation and default. A kind declares its own in its
 * server manifest (`settings`), registered into SETTINGS with registerSettings; the admin settings
 * page renders a field per key of both.
 */
const PLATFORM_SETTINGS = {
  municipalityName: z.string().trim().min(2).max(80).default("Gemeente Voorbeeldstad"),
  /** Named in the privacy statement: where residents ask about their data (AVG art. 37-39). */
  privacyOfficerContact: z.string().trim().min(3).max(200).default("privacy@voorbeeldstad.example"),
  /** Named in the accessibility statement: where to report a barrier. */
  accessibilityContact: z.string().trim().min(3).max(200).default("toegankelijkheid@voorbeeldstad.example"),
  /** Unset means the DEFAULT_LOCALE environment variable. */
  defaultLocale: z.enum(["nl", "en"]).optional(),
  // Petitions
  petitionResponseThreshold: z.coerce.number().int().min(1).max(1_000_000).default(500),
  petitionDebateThreshold: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  petitionDurationDays: z.coerce.number().int().min(7).max(365).default(90),
  petitionSponsorsRequired: z.coerce.number().int().min(0).max(50).default(0),
  petitionModerationOverdueDays: z.coerce.number().int().min(1).max(60).default(5),
  petitionAcceptOutsidePostcodes: yesNo(false),
  signatureAnonymiseMonths: z.coerce.number().int().min(1).max(60).default(6),
  // Discussions and moderation
  commentRequireVerifiedEmail: yesNo(true),
  commentMinAccountAgeHours: z.coerce.number().int().min(0).max(24 * 90).default(0),
  commentEditWindowMinutes: z.coerce.number().int().min(0).max(24 * 60).default(15),
  flagHideThreshold: z.coerce.number().int().min(1).max(100).default(3),
} as const;

/**
 * The settings kinds declare, by type: a kind adds its schemas with
 * `declare module "~/modules/settings/settings.schema" { interface KindSettings extends MySettings {} }`
 * (MySettings being `typeof` its schemas), so getSetting knows their keys and values.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface KindSettings {}

type SettingSchemas = typeof PLATFORM_SETTINGS & KindSettings;

/** Every admin setting, the platform's and each registered kind's. */
export const SETTINGS: SettingSchemas = { ...PLATFORM_SETTINGS } as SettingSchemas;

export type SettingKey = keyof SettingSchemas & string;
export type SettingValue<K extends SettingKey> = z.output<SettingSchemas[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

/** The keys in the order the settings page shows them: the platform's, then each kind's as registered. */
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** A rule across several settings (a threshold above another): reports the key to show the message beside. */
export type SettingsCheck = (settings: Settings, refuse: (key: SettingKey, message: MessageKey) => void) => void;

const checks: SettingsCheck[] = [];

/**
 * Adds a kind's settings (its server manifest's `settings`, registered with the kind): their
 * schemas, shown on the settings page after the platform's, and a rule across them if any.
 */
export function registerSettings(declared: { schemas: Record<string, ZodTypeAny>; check?: SettingsCheck }): void {
  const all = SETTINGS as unknown as Record<string, ZodTypeAny>;
  for (const [key, schema] of Object.entries(declared.schemas)) {
    if (Object.hasOwn(all, key)) {
      if (all[key] === schema) continue;
      throw new Error(`Setting ${key} is declared twice`);
    }
    all[key] = schema;
    SETTING_KEYS.push(key as SettingKey);
  }
  if (declared.check && !checks.includes(declared.check)) checks.push(declared.check);
}

/** The rules across settings the kinds registered. */
export function settingsChecks(): readonly SettingsCheck[] {
  return checks;
}

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS[k].parse(undefined)])) as Settings;
}
