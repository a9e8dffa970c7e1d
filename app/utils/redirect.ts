const SITE = "http://same-site.invalid";

/**
 * Only same-site paths may be redirected to: "/x" yes, "//evil.example" or "https://..." no.
 * Browsers drop tabs and newlines from a URL and read "\" as "/" before they resolve it, so
 * "/\t/evil.example" leaves the site: the path is judged as a browser will read it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  return url.origin === SITE ? to : fallback;
}
