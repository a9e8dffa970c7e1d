import { z } from "zod";

/** The admin's form: one markdown text per language; empty means "the default text". */
export const StatementForm = z.object({
  intent: z.enum(["save", "reset"]).default("save"),
  nl: z.string().max(30_000).default(""),
  en: z.string().max(30_000).default(""),
});
