import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatDate, formatNumber, translator, type Locale, type Translate } from "~/i18n";

interface RootData {
  locale: Locale;
}

/** The page's language and a translator for it, from the root loader. */
export function useT(): { t: Translate; locale: Locale; date: (d: Date | number | string, style?: "date" | "datetime") => string; number: (n: number) => string } {
  const root = useRouteLoaderData<RootData>("root");
  const locale: Locale = root?.locale ?? "nl";
  return useMemo(
    () => ({
      t: translator(locale),
      locale,
      date: (d, style) => formatDate(locale, typeof d === "string" ? new Date(d) : d, style),
      number: (n) => formatNumber(locale, n),
    }),
    [locale],
  );
}
