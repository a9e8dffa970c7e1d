import pino from "pino";
import { env } from "./env.server";

let instance: pino.Logger | undefined;

/** Structured JSON logs on stdout. */
export function logger(): pino.Logger {
  instance ??= pino({ level: process.env.VITEST ? "silent" : env().LOG_LEVEL, base: { app: "inspraak" } });
  return instance;
}
