import { describe, expect, it } from "vitest";
import { parseEnv as parseProcessEnv } from "~/utils/env.server";

const parseEnv = (vars: Record<string, string>) => parseProcessEnv(vars as NodeJS.ProcessEnv);

describe("parseEnv", () => {
  it("fills in the defaults", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      DATABASE_PATH: "./data/inspraak.db",
      PORT: 3000,
      BASE_URL: "http://localhost:3000",
      DEFAULT_LOCALE: "nl",
      DEMO: true,
      JOBS: true,
      TRUST_PROXY: false,
    });
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({ PORT: "8080" }).BASE_URL).toBe("http://localhost:8080");
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ DEMO: "0", JOBS: "false", TRUST_PROXY: "1" })).toMatchObject({ DEMO: false, JOBS: false, TRUST_PROXY: true });
  });

  it("runs the demo (published passwords) only on this machine unless it is asked for", () => {
    expect(parseEnv({ BASE_URL: "http://127.0.0.1:3000" }).DEMO).toBe(true);
    expect(parseEnv({ BASE_URL: "https://inspraak.voorbeeldstad.nl", NODE_ENV: "production" }).DEMO).toBe(false);
    expect(parseEnv({ BASE_URL: "https://demo.inspraak.nl", DEMO: "true" }).DEMO).toBe(true);
    expect(parseEnv({ DEMO: "false" }).DEMO).toBe(false);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["PORT", "0"],
    ["BASE_URL", "not a url"],
    ["SMTP_URL", "http://mail.example"],
    ["DEFAULT_LOCALE", "de"],
    ["DEMO", "yes"],
    ["NODE_ENV", "staging"],
    ["SESSION_SECRET", "short"],
    ["DATABASE_PATH", ""],
    ["LOG_LEVEL", "loud"],
  ])("stops on a bad %s (%j) with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`Invalid configuration[\\s\\S]*${name}:`));
  });

  it("names every bad variable at once", () => {
    try {
      parseEnv({ PORT: "x", DEFAULT_LOCALE: "fr" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/PORT:/);
      expect(String(error)).toMatch(/DEFAULT_LOCALE:/);
    }
  });
});
