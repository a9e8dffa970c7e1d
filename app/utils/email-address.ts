// The identity of an email address, for "one signature per person" and "one account per address".
// Decision record: docs/decisions/011-one-email-identity-plus-tags-fold-everywhere.md.

// Gmail documents that dots in the local part do not matter; elsewhere "j.an" and "jan" may differ.
const DOT_BLIND = new Set(["gmail.com"]);

/**
 * The identity of an email address: lower-cased; "+tags" folded on every domain (jan+raad@x.nl is
 * jan@x.nl: most mail servers deliver subaddresses to the same mailbox); dots folded for Gmail.
 * The local part may come out empty ("+alice@gmail.com"): such an address has no mailbox of its
 * own and is refused (hasMailbox) before it is ever stored.
 */
export function canonicalEmail(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 1) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  local = local.split("+")[0]!;
  if (DOT_BLIND.has(domain)) local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

/** Whether an address keeps a local part once folded: "+alice@gmail.com" and ".@gmail.com" do not. */
export function hasMailbox(address: string): boolean {
  return !canonicalEmail(address).startsWith("@");
}
