import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatDate, formatNumber, translatorFor, type Locale, type Messages, type Translate } from "~/i18n/translate";

/** What the root loader sends for translating: the page's language and its messages (app/i18n/pages.server.ts). */
export interface RootMessages {
  locale?: Locale;
  messages?: Messages;
}

const NONE: Messages = {};

/**
 * When an action throws to the root's error boundary, Remix runs no loader, so the root's data
 * (and its messages) is missing. The server entry then provides the shell's messages through this
 * context and the shell writes them into the page (ROOT_FALLBACK_GLOBAL) for the browser to read.
 */
const RootFallbackContext = createContext<RootMessages | null>(null);
export const ROOT_FALLBACK_GLOBAL = "__inspraakRootMessages";

export function RootFallbackProvider({ value, children }: { value: RootMessages | null; children: ReactNode }) {
  return <RootFallbackContext.Provider value={value}>{children}</RootFallbackContext.Provider>;
}

/** The messages the shell has when the root loader did not run: from the server entry, or from the page. */
export function useRootFallback(): RootMessages | null {
  const provided = useContext(RootFallbackContext);
  if (provided) return provided;
  if (typeof window === "undefined") return null;
  return ((window as unknown as Record<string, RootMessages | undefined>)[ROOT_FALLBACK_GLOBAL]) ?? null;
}

/** The root's language and messages: its loader data, else the fallback. */
export function useRootMessages(): RootMessages | undefined {
  const root = useRouteLoaderData<RootMessages>("root");
  const fallback = useRootFallback();
  return root ?? fallback ?? undefined;
}

/** A translator over the messages the root loader sent (in the page's language, for its namespaces). */
export function rootTranslator(root: RootMessages | undefined | null): Translate {
  return translatorFor(root?.locale ?? "nl", root?.messages ?? NONE);
}

/** The page's language and a translator for it, from the root loader. */
export function useT(): { t: Translate; locale: Locale; date: (d: Date | number | string, style?: "date" | "datetime") => string; number: (n: number) => string } {
  const root = useRootMessages();
  const locale: Locale = root?.locale ?? "nl";
  const messages = root?.messages;
  return useMemo(
    () => ({
      t: rootTranslator({ locale, messages }),
      locale,
      date: (d, style) => formatDate(locale, typeof d === "string" ? new Date(d) : d, style),
      number: (n) => formatNumber(locale, n),
    }),
    [locale, messages],
  );
}
