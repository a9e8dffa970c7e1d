import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("./data/inspraak.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender address of every email. */
  MAIL_FROM: z.string().default("Inspraak <noreply@voorbeeldstad.example>"),
  DEFAULT_LOCALE: z.enum(["nl", "en"]).default("nl"),
  /** Signs the short-lived message cookie; a random one per start is fine for a single process. */
  SESSION_SECRET: z.string().min(16).optional(),
  /**
   * Show the demo accounts on the sign-in page and seed an empty database. Unset, it is on only
   * when the app runs on this machine (no BASE_URL, or a localhost one): a deployment with its own
   * address never gets the published demo passwords by forgetting to switch it off.
   */
  DEMO: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  /** Run the background job runner in this process. */
  JOBS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Trust X-Forwarded-* headers (only behind a proxy you run). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "DEMO"> & { BASE_URL: string; DEMO: boolean };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Parses the environment once; a bad value stops the process with a message naming the variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  const baseUrl = parsed.data.BASE_URL ?? `http://localhost:${parsed.data.PORT}`;
  return { ...parsed.data, BASE_URL: baseUrl, DEMO: parsed.data.DEMO ?? LOCAL_HOSTS.has(new URL(baseUrl).hostname) };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Re-reads the environment (tests that point SMTP_URL at a local server). */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}
