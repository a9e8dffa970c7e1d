// The rules of webhooks, pure: which URLs an endpoint may have, which network addresses the app may
// reach (so it cannot be used to probe the municipality's own network: SSRF), and what an endpoint
// subscribed to hears. Addresses are parsed here rather than by node:net so the rules stay pure and
// are the same at registration and at delivery (after DNS resolution).
import type { MessageKey } from "~/i18n";
import { EVERY_EVENT_TYPE } from "#db/schema/webhooks.constants";

export const LIMITS = { urlMax: 2_000, descriptionMax: 120, secretMin: 24, secretMax: 200, networksMax: 1_000 } as const;

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: MessageKey };

/**
 * A URL an endpoint may have: http or https, a host, no user name or password in it (they would be
 * logged and shown in the list). Whether its address may be reached is decided separately.
 */
export function checkEndpointUrl(raw: string): UrlVerdict {
  if (raw.length > LIMITS.urlMax) return { ok: false, reason: "webhook.error.urlTooLong" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "webhook.error.url" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "webhook.error.scheme" };
  if (!url.hostname) return { ok: false, reason: "webhook.error.url" };
  if (url.username || url.password) return { ok: false, reason: "webhook.error.credentials" };
  return { ok: true, url };
}

/** An address as a number and its family; null when it is no IP address. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith("0"))) return null;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let input = text.toLowerCase();
  const zone = input.indexOf("%");
  if (zone >= 0) input = input.slice(0, zone);
  // A trailing dotted IPv4 part (::ffff:10.0.0.1) is two groups.
  const lastColon = input.lastIndexOf(":");
  if (lastColon >= 0 && input.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(input.slice(lastColon + 1));
    if (v4 === null) return null;
    input = `${input.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = input.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** Parses an IPv4 or IPv6 address (brackets of a URL's host allowed); null for a name. */
export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v4 = parseIpv4(bare);
  if (v4 !== null) return { family: 4, value: v4 };
  if (!bare.includes(":")) return null;
  const v6 = parseIpv6(bare);
  return v6 === null ? null : { family: 6, value: v6 };
}

/** A range of addresses: a network address and a prefix length. */
export interface Network {
  family: 4 | 6;
  value: bigint;
  prefix: number;
}

const bits = (family: 4 | 6) => (family === 4 ? 32 : 128);

export function inNetwork(ip: IpAddress, network: Network): boolean {
  if (ip.family !== network.family) return false;
  const shift = BigInt(bits(ip.family) - network.prefix);
  return ip.value >> shift === network.value >> shift;
}

/** "10.0.0.0/8" or a single address ("127.0.0.1", a /32 or /128); null when it is neither. */
export function parseNetwork(text: string): Network | null {
  const [address, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || !address) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = bits(ip.family);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { family: ip.family, value: ip.value, prefix };
}

/** The admin setting's list of networks ("10.20.0.0/16, 192.168.5.7"): every entry, or null when one is not a network. */
export function parseNetworks(text: string): Network[] | null {
  const entries = text.split(/[\s,;]+/).filter(Boolean);
  const networks = entries.map(parseNetwork);
  return networks.every((n): n is Network => n !== null) ? networks : null;
}

const net = (text: string) => parseNetwork(text)!;

/**
 * Every range that is not the public internet: "this network", loopback, RFC 1918 private,
 * carrier-grade NAT, link-local (which holds the clouds' metadata service at 169.254.169.254),
 * protocol assignments, documentation and benchmarking, multicast and reserved; for IPv6 the
 * unspecified and loopback addresses, IPv4-mapped and translated addresses (checked as their IPv4
 * address), discard, documentation, 6to4 and Teredo (which tunnel to any IPv4 address), unique
 * local (ULA, fc00::/7), link-local, site-local and multicast.
 */
const NON_PUBLIC: readonly Network[] = [
  "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
  "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
  "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:2::/48", "2001:10::/28", "2001:20::/28", "2001:db8::/32", "2002::/16",
  "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
].map(net);

/** IPv6 forms that carry an IPv4 address in their last 32 bits: it is that address that is reached. */
const EMBEDS_IPV4: readonly Network[] = ["::ffff:0:0/96", "64:ff9b::/96", "::/96"].map(net);

/** The IPv4 address an IPv6 address stands for, if it is one of the forms that embed one. */
function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6 || ip.value <= 1n) return null;
  return EMBEDS_IPV4.some((n) => inNetwork(ip, n)) ? { family: 4, value: ip.value & 0xffffffffn } : null;
}

export function isPublicAddress(ip: IpAddress): boolean {
  const v4 = embeddedIpv4(ip);
  if (v4) return isPublicAddress(v4);
  return !NON_PUBLIC.some((n) => inNetwork(ip, n));
}

/**
 * Whether the app may connect to an address: a public one always; any other only when it lies in
 * a network the admin allowed (a zaaksysteem on the internal network).
 */
export function mayConnectTo(ip: IpAddress, allowed: readonly Network[]): boolean {
  if (isPublicAddress(ip)) return true;
  const v4 = embeddedIpv4(ip);
  return allowed.some((n) => inNetwork(ip, n) || (v4 !== null && inNetwork(v4, n)));
}

/** Whether an endpoint subscribed to these types hears an event of this type. */
export function hears(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes(EVERY_EVENT_TYPE) || eventTypes.includes(type);
}

/** How long one delivery may take, connecting included, before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** How long a receiver should accept a delivery's timestamp, either way (the documented replay window). */
export const REPLAY_WINDOW_SECONDS = 300;
