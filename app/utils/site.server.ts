// The two admin settings the platform helpers here need (the municipality's name in every email,
// its default language). The settings live in a module; app/utils never imports a module, so the
// composition root (app/kinds.server.ts) hands them in once per process.
import type { Locale } from "~/i18n";

export interface SiteSettings {
  municipalityName: () => string;
  defaultLocale: () => Locale | undefined;
}

let provided: SiteSettings | null = null;

export function provideSiteSettings(settings: SiteSettings): void {
  provided = settings;
}

export function siteSettings(): SiteSettings {
  if (!provided) throw new Error("Site settings are not provided: import app/kinds.server.ts first");
  return provided;
}
