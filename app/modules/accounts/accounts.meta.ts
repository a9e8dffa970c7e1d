import type { MetaFunction } from "@remix-run/node";
import { translator, type Locale, type MessageKey } from "~/i18n";

/** A page title in the page's language: "<page> · <municipality>". */
export function pageTitle(key: MessageKey): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((match) => match.id === "root")?.data as { locale?: Locale; municipality?: string } | undefined;
    const t = translator(root?.locale ?? "nl");
    return [{ title: `${t(key)} · ${root?.municipality ?? "Inspraak"}` }];
  };
}
