import { createCookieSessionStorage, redirect } from "@remix-run/node";
import crypto from "node:crypto";
import type { MessageKey, MessageParams } from "~/i18n";
import { env } from "./env.server";

export interface Toast {
  type: "success" | "info" | "error";
  message: MessageKey;
  params?: MessageParams;
}

const storage = createCookieSessionStorage({
  cookie: {
    name: "inspraak_toast",
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secrets: [env().SESSION_SECRET ?? crypto.randomBytes(32).toString("hex")],
    secure: env().BASE_URL.startsWith("https:"),
  },
});

const signedToasts = new Map<string, string>();

/**
 * The Set-Cookie value that carries a message to the next page. A message without parameters is
 * always the same signed value, so it is signed once (the hot paths answer with a few of them).
 */
export async function toastCookie(toast: Toast): Promise<string> {
  const key = toast.params ? null : `${toast.type}:${toast.message}`;
  const known = key && signedToasts.get(key);
  if (known) return known;
  const session = await storage.getSession();
  session.flash("toast", toast);
  const cookie = await storage.commitSession(session);
  if (key) signedToasts.set(key, cookie);
  return cookie;
}

/** A redirect that shows a message on the next page (the third way errors and successes reach people). */
export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastCookie(toast));
  return redirect(url, { ...init, headers });
}

/** Reads the message without clearing it (the root loader shows and clears it), for a page that adapts to it. */
export async function peekToast(request: Request): Promise<Toast | null> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("inspraak_toast=")) return null;
  return ((await storage.getSession(cookie)).get("toast") as Toast | undefined) ?? null;
}

/** Reads and clears the message; returns the header that clears it. */
export async function getToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("inspraak_toast=")) return { toast: null, setCookie: null };
  const session = await storage.getSession(cookie);
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  return { toast, setCookie: await storage.destroySession(session) };
}
