import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { checkEndpointUrl, hears, isPublicAddress, mayConnectTo, parseIp, parseNetworks } from "~/modules/webhooks/webhooks.rules";

describe("an endpoint's URL", () => {
  it.each([
    ["https://zaken.example.nl/inspraak", null],
    ["http://zaken.example.nl:8080/hook?x=1", null],
    ["ftp://zaken.example.nl/hook", "webhook.error.scheme"],
    ["file:///etc/passwd", "webhook.error.scheme"],
    ["javascript:alert(1)", "webhook.error.scheme"],
    ["gopher://127.0.0.1:25/", "webhook.error.scheme"],
    ["zaken.example.nl/hook", "webhook.error.url"],
    ["https://user:secret@zaken.example.nl/", "webhook.error.credentials"],
    [`https://example.nl/${"a".repeat(2_100)}`, "webhook.error.urlTooLong"],
  ])("%s → %s", (url, reason) => {
    const verdict = checkEndpointUrl(url);
    if (reason === null) expect(verdict.ok).toBe(true);
    else expect(verdict).toEqual({ ok: false, reason });
  });

  it("a URL that is not http(s) is told so in Dutch and English", () => {
    const verdict = checkEndpointUrl("ftp://zaken.example.nl/");
    if (verdict.ok) throw new Error("accepted");
    expect(translator("nl")(verdict.reason)).toMatch(/https:\/\/ of http:\/\//);
    expect(translator("en")(verdict.reason)).toMatch(/must start with https:\/\/ or http:\/\//);
  });
});

describe("which addresses are the public internet", () => {
  it.each([
    // refused: loopback, RFC 1918, link-local (the cloud metadata service), CGNAT, this network, reserved, multicast
    ["127.0.0.1", false], ["127.255.0.9", false], ["10.0.0.1", false], ["172.16.0.1", false], ["172.31.255.254", false],
    ["192.168.1.10", false], ["169.254.169.254", false], ["100.64.0.1", false], ["0.0.0.0", false], ["240.0.0.1", false],
    ["224.0.0.1", false], ["255.255.255.255", false], ["192.0.2.1", false], ["198.18.0.1", false],
    // IPv6: loopback, unspecified, ULA, link-local, multicast, and IPv4 inside IPv6
    ["::1", false], ["::", false], ["fd12:3456::1", false], ["fc00::1", false], ["fe80::1", false], ["ff02::1", false],
    ["::ffff:127.0.0.1", false], ["::ffff:7f00:1", false], ["::ffff:10.1.2.3", false], ["64:ff9b::a00:1", false], ["2002:7f00:1::", false],
    ["2001:db8::1", false],
    // public
    ["93.184.216.34", true], ["172.32.0.1", true], ["172.15.255.255", true], ["8.8.8.8", true], ["2a00:1450:4001::1", true],
    ["::ffff:93.184.216.34", true],
  ])("%s public: %s", (address, expected) => {
    const ip = parseIp(address);
    expect(ip, address).not.toBeNull();
    expect(isPublicAddress(ip!)).toBe(expected);
  });

  it("reads the bracketed host of a URL and refuses what is no address", () => {
    expect(parseIp("[::1]")).toEqual({ family: 6, value: 1n });
    for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "zaken.example.nl", "1::2::3", "12345::"]) expect(parseIp(bad), bad).toBeNull();
  });

  it("lets an admin allow networks of their own, and nothing else", () => {
    const allowed = parseNetworks("10.20.0.0/16, 127.0.0.1 ::1/128")!;
    expect(allowed).toHaveLength(3);
    expect(mayConnectTo(parseIp("10.20.3.4")!, allowed)).toBe(true);
    expect(mayConnectTo(parseIp("10.21.3.4")!, allowed)).toBe(false);
    expect(mayConnectTo(parseIp("127.0.0.1")!, allowed)).toBe(true);
    expect(mayConnectTo(parseIp("127.0.0.2")!, allowed)).toBe(false);
    expect(mayConnectTo(parseIp("::1")!, allowed)).toBe(true);
    expect(mayConnectTo(parseIp("::ffff:127.0.0.1")!, allowed)).toBe(true);
    expect(mayConnectTo(parseIp("169.254.169.254")!, allowed)).toBe(false);
    expect(mayConnectTo(parseIp("93.184.216.34")!, [])).toBe(true);
    expect(parseNetworks("")).toEqual([]);
    expect(parseNetworks("10.0.0.0/33")).toBeNull();
    expect(parseNetworks("intranet")).toBeNull();
  });
});

describe("what an endpoint hears", () => {
  it("the types it chose, or every type with *", () => {
    expect(hears(["decided", "closed"], "decided")).toBe(true);
    expect(hears(["decided"], "published")).toBe(false);
    expect(hears(["*"], "anything-added-later")).toBe(true);
  });
});
