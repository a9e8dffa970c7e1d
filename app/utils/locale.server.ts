import { isLocale, translator, type Locale, type Translate } from "~/i18n";
import { getUser } from "./auth.server";
import { env } from "./env.server";
import { siteSettings } from "./site.server";

/** A plain `lang=nl|en` cookie, readable by the server's page cache key as well. */
export function serializeLocaleCookie(locale: Locale): string {
  return `lang=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax; HttpOnly`;
}

/** Picks the first supported language from an Accept-Language header, by quality. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { lang: (tag ?? "").toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.lang && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  return (ranked.find((entry) => isLocale(entry.lang))?.lang as Locale | undefined) ?? null;
}

export function readLocaleCookie(cookieHeader: string | null): Locale | null {
  const match = /(?:^|;\s*)lang=(nl|en)(?:;|$)/.exec(cookieHeader ?? "");
  return match ? (match[1] as Locale) : null;
}

/** The person's setting, then the cookie, then Accept-Language, then the municipality's default. */
export async function getLocale(request: Request): Promise<Locale> {
  const user = await getUser(request);
  if (user) return user.locale;
  return (
    readLocaleCookie(request.headers.get("Cookie")) ??
    localeFromAcceptLanguage(request.headers.get("Accept-Language")) ??
    siteSettings().defaultLocale() ??
    env().DEFAULT_LOCALE
  );
}

export async function getTranslator(request: Request): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale(request);
  return { locale, t: translator(locale) };
}
