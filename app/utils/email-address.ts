// Webmail providers that ignore dots in the local part and treat "+tag" as the same mailbox.
const DOT_AND_TAG_BLIND = new Set(["gmail.com", "googlemail.com"]);
// Providers that ignore "+tag" (and, for some, "-tag") but keep dots.
const TAG_BLIND = new Set([
  "outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.nl", "hotmail.nl", "live.nl",
  "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "fastmail.com", "yahoo.com",
  "ziggo.nl", "kpnmail.nl",
]);

/**
 * The identity of an email address: lower-cased; for the big webmail domains, "+tags" and
 * (for Gmail) dots folded, so one person cannot sign twice as a.b+1@gmail.com and ab@gmail.com.
 */
export function canonicalEmail(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 1) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (DOT_AND_TAG_BLIND.has(domain)) {
    local = local.split("+")[0]!.replace(/\./g, "");
  } else if (TAG_BLIND.has(domain)) {
    local = local.split("+")[0]!;
  }
  return `${local}@${domain}`;
}
