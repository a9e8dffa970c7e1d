// The lifecycle of a draft bylaw and of the amendments to it: named states, the moves each allows,
// and one transition function each that refuses an illegal move. Pure, client-safe.
import { BYLAW_STATES, type AmendmentState, type AmendmentType, type BylawState } from "#db/schema/bylaws.constants";
import type { CouncilDecision } from "#db/schema/council.constants";
import type { Outcome } from "~/utils/refusal";

export const TITLE_MIN = 5;
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 500;
export const RATIONALE_MIN = 10;
export const RATIONALE_MAX = 5_000;
export const REASON_MIN = 5;
export const REASON_MAX = 2_000;
export const NOTE_MAX = 2_000;
/** The shortest and longest consultation a clerk may set. */
export const WINDOW_MIN_DAYS = 1;
export const WINDOW_MAX_DAYS = 365;

/** Statuses anyone may read (a draft is the clerks' until it is published). */
export const PUBLIC_STATES: readonly BylawState[] = ["open", "closed", "decided"];

export type BylawMove = "publish" | "publish-version" | "close";

export type BylawRefusal = "not-draft" | "not-open" | "window-in-past" | "undecided-amendments" | "unknown-state";

interface BylawAt {
  status: string;
  closesAt: Date | null;
}

const isBylawState = (s: string): s is BylawState => (BYLAW_STATES as readonly string[]).includes(s);

/**
 * The council's decision on a bylaw whose consultation closed: adopted, rejected or amended, it is
 * decided; referred back, it still awaits the council. Nothing else is decided by the council.
 */
export function councilTransition(from: string, decision: CouncilDecision): Outcome<{ to: BylawState }, "not-closed"> {
  if (from !== "closed") return { ok: false, reason: "not-closed" };
  return { ok: true, to: decision === "referred" ? "closed" : "decided" };
}

/**
 * draft → open (publish, with a window that ends in the future); open → open (a new version);
 * open → closed (the report), once no amendment is still waiting for a decision or to be merged.
 */
export function transition(bylaw: BylawAt, move: BylawMove, ctx: { now: Date; undecided?: number }): Outcome<{ to: BylawState }, BylawRefusal> {
  if (!isBylawState(bylaw.status)) return { ok: false, reason: "unknown-state" };
  switch (move) {
    case "publish":
      if (bylaw.status !== "draft") return { ok: false, reason: "not-draft" };
      if (!bylaw.closesAt || bylaw.closesAt <= ctx.now) return { ok: false, reason: "window-in-past" };
      return { ok: true, to: "open" };
    case "publish-version":
      return bylaw.status === "open" ? { ok: true, to: "open" } : { ok: false, reason: "not-open" };
    case "close":
      if (bylaw.status !== "open") return { ok: false, reason: "not-open" };
      if ((ctx.undecided ?? 0) > 0) return { ok: false, reason: "undecided-amendments" };
      return { ok: true, to: "closed" };
  }
}

/** Residents may amend, and support or oppose amendments, while the consultation is open and its window has not ended. */
export function consultationOpen(bylaw: BylawAt, now: Date): boolean {
  return bylaw.status === "open" && bylaw.closesAt !== null && now < bylaw.closesAt;
}

export type AmendmentDecision = "accept" | "reject" | "consider";
export type AmendmentMove = AmendmentDecision | "merge";

/** Amendments still waiting for the clerks: an open one for a decision, an accepted one to be merged into a version. */
export const UNDECIDED_AMENDMENT_STATES: readonly AmendmentState[] = ["open", "accepted"];

/** The fates a report can give an amendment. */
export const FINAL_AMENDMENT_STATES: readonly AmendmentState[] = ["merged", "rejected", "considered"];

/** open → accepted | rejected | considered (by a clerk); accepted → merged (into a new version). */
export function amendmentTransition(from: AmendmentState, move: AmendmentMove): Outcome<{ to: AmendmentState }, "already-decided" | "not-accepted"> {
  if (move === "merge") return from === "accepted" ? { ok: true, to: "merged" } : { ok: false, reason: "not-accepted" };
  if (from !== "open") return { ok: false, reason: "already-decided" };
  const to: Record<AmendmentDecision, AmendmentState> = { accept: "accepted", reject: "rejected", consider: "considered" };
  return { ok: true, to: to[move] };
}

/** A rejection's reason is told to its author; accepting or considering may say why too. */
export const reasonRequired = (decision: AmendmentDecision): boolean => decision === "reject";

/** Support and opposition count while residents may still change the amendment's fate: its consultation is open and it waits for a decision. */
export const takesStances = (bylaw: BylawAt, amendment: { status: AmendmentState }, now: Date): boolean =>
  consultationOpen(bylaw, now) && amendment.status === "open";

export type AmendmentRefusal = "identical-text" | "empty-text" | "heading-required";

/** What an amendment must carry: new text that differs from the article (replace), a heading and text (new article), nothing (delete). */
export function amendmentContent(type: AmendmentType, current: string, input: { heading: string; text: string }): AmendmentRefusal | null {
  if (type === "delete") return null;
  if (input.text.trim() === "") return "empty-text";
  if (type === "insert-after" && input.heading.trim() === "") return "heading-required";
  if (type === "replace" && input.text.replace(/\s+/g, " ").trim() === current.replace(/\s+/g, " ").trim()) return "identical-text";
  return null;
}

/**
 * Every article a consultation ever had, in the order a reader expects: the final version's order,
 * with an article a later version took out put back right after the article it followed when it
 * was last there (where the comparison of versions shows it, `compareVersions`). `versions`
 * oldest first, each its article ids in order.
 */
export function articlesInReadingOrder(versions: ReadonlyArray<readonly number[]>): number[] {
  const order = [...(versions.at(-1) ?? [])];
  for (let v = versions.length - 2; v >= 0; v--) {
    const ids = versions[v]!;
    ids.forEach((id, i) => {
      if (order.includes(id)) return;
      let before = i - 1;
      while (before >= 0 && !order.includes(ids[before]!)) before--;
      order.splice(before < 0 ? 0 : order.indexOf(ids[before]!) + 1, 0, id);
    });
  }
  return order;
}
