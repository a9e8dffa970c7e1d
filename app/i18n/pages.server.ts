// Which messages a page sends the browser. Every route module declares the message namespaces its
// client code uses in `handle.i18n` (a namespace such as "petition", or one whole key); the root
// loader matches the request's path against the routes and sends the page's language only, and
// only those namespaces. tests/unit/platform/page-messages.test.ts checks each route's list against
// the keys its modules name.
import { matchRoutes } from "@remix-run/react";
import { isMessageKey, messagesFor, NAMESPACES, type Locale, type Messages, type MessagesHandle } from "./index";

export type { MessagesHandle };


interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  module: { handle?: unknown };
}

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
}

let tree: RouteNode[] | null = null;
let handles = new Map<string, readonly string[]>();

function i18nOf(handle: unknown): readonly string[] {
  const list = (handle as MessagesHandle | undefined)?.i18n;
  return Array.isArray(list) ? list : [];
}

/** Registers the app's routes (the server build's `routes`); called once per process at start. */
export function registerRoutes(routes: Record<string, RouteEntry>) {
  const nodes = new Map<string, RouteNode>();
  for (const route of Object.values(routes)) {
    nodes.set(route.id, { id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive });
  }
  const roots: RouteNode[] = [];
  for (const route of Object.values(routes)) {
    const node = nodes.get(route.id)!;
    const parent = route.parentId ? nodes.get(route.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  tree = roots;
  handles = new Map(Object.values(routes).map((r) => [r.id, i18nOf(r.module.handle)]));
}

/** The namespaces and keys the routes matching a path declare; every namespace when routes are not registered. */
export function pageNamespaces(pathname: string): readonly string[] {
  if (!tree) return [...NAMESPACES];
  const matches = matchRoutes(tree as Parameters<typeof matchRoutes>[0], pathname) ?? [];
  return matches.flatMap((m) => (m.route.id ? (handles.get(m.route.id) ?? []) : []));
}

/** The messages that route handles declare, in one locale, plus any extra keys. */
export function declaredMessages(locale: Locale, declared: readonly string[], extraKeys: Iterable<string> = []): Messages {
  // A page's set is the same on every request: build it once (it is read, never changed).
  const cacheKey = `${locale}|${declared.join(",")}`;
  let messages = pages.get(cacheKey);
  if (!messages) {
    messages = messagesFor(
      locale,
      declared.filter((entry) => !isMessageKey(entry)),
      declared.filter((entry) => isMessageKey(entry)),
    );
    pages.set(cacheKey, messages);
  }
  const extra = [...extraKeys].filter((key) => isMessageKey(key) && !(key in messages));
  return extra.length === 0 ? messages : { ...messages, ...messagesFor(locale, [], extra) };
}

const pages = new Map<string, Messages>();

/** The messages of a page, in its language: its routes' namespaces and keys, plus any extra keys (a toast's message). */
export function pageMessages(locale: Locale, pathname: string, extraKeys: Iterable<string> = []): Messages {
  return declaredMessages(locale, pageNamespaces(pathname), extraKeys);
}

/** The namespaces and keys one route module declares. */
export function routeMessages(module: { handle?: unknown }): readonly string[] {
  return i18nOf(module.handle);
}
