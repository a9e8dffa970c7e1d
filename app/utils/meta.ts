// Page titles: one format, in the page's language, for every page. The locale and the
// municipality's name come from the root loader's data, which every page's `matches` carries.
import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import type { LoaderFunction } from "@remix-run/node";
import type { Locale, MessageKey } from "~/i18n";
import type { Translate } from "~/i18n/translate";
import { rootTranslator, type RootMessages } from "~/utils/i18n";

interface RootMetaData extends RootMessages {
  municipality?: string;
}

/** The page's language, a translator for it and the municipality's name, from the root match. */
export function rootMeta(matches: MetaArgs["matches"]): { locale: Locale; t: Translate; municipality: string } {
  const root = matches.find((match) => match.id === "root")?.data as RootMetaData | undefined;
  const locale = root?.locale ?? "nl";
  return { locale, t: rootTranslator(root), municipality: root?.municipality ?? "" };
}

/** "<page> · <municipality> · Inspraak" in one language (the format is the message "meta.title"). */
export function documentTitle(t: Translate, municipality: string, page: string): string {
  return municipality ? t("meta.title", { page, municipality }) : t("meta.title.noMunicipality", { page });
}

/** The page part of a topic page's title: "<topic title> · Petitie" (the kind's label from its manifest). */
export function topicTitle(t: Translate, title: string, kindLabel: MessageKey): string {
  return `${title} · ${t(kindLabel)}`;
}

type TitleArgs<Loader> = MetaArgs<Loader> & { t: Translate; locale: Locale };

/**
 * A route's `meta`: its title from a message key, or from a function of the page's data (for
 * topic pages, the topic's title) that may return null while there is no data to fall back on `fallback`.
 */
export function pageTitle<Loader extends LoaderFunction | unknown = unknown>(
  page: MessageKey | ((args: TitleArgs<Loader>) => string | null | undefined),
  fallback?: MessageKey,
): MetaFunction<Loader> {
  return (args): MetaDescriptor[] => {
    const { t, locale, municipality } = rootMeta(args.matches);
    const text = typeof page === "string" ? t(page) : (page({ ...args, t, locale }) ?? (fallback ? t(fallback) : null));
    return [{ title: documentTitle(t, municipality, text ?? municipality) }];
  };
}
