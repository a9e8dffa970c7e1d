// Input of the comment forms (one schema per intent) and of the flag form.
import { z } from "zod";
import { FLAG_REASONS, STANCES } from "#db/schema/discussions.constants";
import { fields } from "~/utils/forms.server";
import { COMMENT_MAX_LENGTH } from "./comments.rules";
import { FLAG_NOTE_MAX } from "./moderation.rules";

export const COMMENT_INTENTS = ["post", "reply", "edit", "delete", "upvote", "withdraw-upvote", "flag"] as const;
export type CommentIntent = (typeof COMMENT_INTENTS)[number];

/** An id in a form: anything but a positive integer is a tampered id. */
export const formId = () =>
  z
    .string({ required_error: "comment.error.notFound" })
    .regex(/^[1-9]\d{0,15}$/, "comment.error.notFound")
    .transform(Number);

const body = () =>
  z
    .string({ required_error: "comment.error.empty" })
    .trim()
    .min(1, "comment.error.empty")
    .max(COMMENT_MAX_LENGTH);

const stance = () => z.preprocess((v) => (v === "" || v === "none" ? undefined : v), z.enum(STANCES).optional());

const returnTo = () => fields.optionalText(500);

export const FlagFields = {
  reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: "moderation.error.reasonRequired" }) }),
  note: fields.optionalText(FLAG_NOTE_MAX),
};

/** "Other" needs a few words of explanation. */
const noteForOther = <T extends { reason: string; note?: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.reason === "other" && !value.note) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "moderation.error.noteRequired" });
  }
};

export const FlagSchema = z.object(FlagFields).superRefine(noteForOther);

export const IntentSchema = z.object({ intent: fields.intent([...COMMENT_INTENTS]) }).passthrough();

export const COMMENT_SCHEMAS = {
  post: z.object({ intent: z.literal("post"), body: body(), stance: stance(), partId: formId().optional(), returnTo: returnTo() }),
  reply: z.object({ intent: z.literal("reply"), parentId: formId(), body: body(), returnTo: returnTo() }),
  edit: z.object({ intent: z.literal("edit"), commentId: formId(), body: body(), stance: stance(), returnTo: returnTo() }),
  delete: z.object({ intent: z.literal("delete"), commentId: formId(), returnTo: returnTo() }),
  upvote: z.object({ intent: z.literal("upvote"), commentId: formId(), returnTo: returnTo() }),
  "withdraw-upvote": z.object({ intent: z.literal("withdraw-upvote"), commentId: formId(), returnTo: returnTo() }),
  flag: z.object({ intent: z.literal("flag"), commentId: formId(), ...FlagFields, returnTo: returnTo() }).superRefine(noteForOther),
} satisfies Record<CommentIntent, z.ZodTypeAny>;
