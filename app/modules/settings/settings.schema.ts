import { z } from "zod";

/** A yes/no setting; forms send "true"/"false" (a select), JSON sends booleans. */
const yesNo = (fallback: boolean) =>
  z.preprocess((v) => (typeof v === "string" ? v === "true" || v === "on" : v), z.boolean()).default(fallback);

/**
 * Every admin setting: its validation and default. Later modules add their keys here; the
 * admin settings page renders a field per key.
 */
export const SETTINGS = {
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

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS[k].parse(undefined)])) as Settings;
}
