// What a Pabulib file becomes when a clerk imports it as a closed participatory budget (a vote held
// on paper, or an earlier year replayed under another rule): pure, from the file as read
// (votes.pabulib.ts) and the clerk's form. The server writes the plan in one transaction.
import { compareProjectIds } from "./allocation.rules";
import type { PabulibInstance } from "./votes.pabulib";
import { MAX_OPTIONS, OPTION_TITLE_MAX, QUESTION_MAX, QUESTION_MIN } from "./votes.rules";

export type ImportProblem = "import-too-few-projects" | "import-too-many-projects" | "import-budget-zero" | "import-no-title";

export interface ImportPlan {
  title: string;
  budget: number;
  opensAt: Date;
  closesAt: Date;
  /**
   * The projects in the order of their ids in the file (numbers as numbers), which is the order
   * the options are stored in: the allocation's last tie-break (the lower id) then falls the same
   * way on the file's ids and on the stored options' ids.
   */
  projects: Array<{ fileId: string; title: string; cost: number }>;
  /** Each ballot as indexes into `projects`. */
  ballots: number[][];
}

/** Bidirectional formatting characters: they would reverse the text shown after a title. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

/** A name from a file as a one-line title: whitespace folded, no bidi controls, within `max`. */
export function oneLine(value: string, max: number): string {
  const flat = value.replace(BIDI, "").replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function isoDay(value: string | undefined): string | null {
  const day = value?.trim().slice(0, 10) ?? "";
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) ? day : null;
}

/**
 * The vote a file describes. The title is the clerk's, else the file's description; the times
 * are the file's `date_begin` and `date_end` (noon on those days, never in the future), else now.
 * Refused when it has fewer than two projects or more than a vote can hold, a budget of nothing,
 * or no title at all.
 */
export function planPabulibImport(instance: PabulibInstance, form: { title: string | null }, now: Date): { ok: true; plan: ImportPlan } | { ok: false; problem: ImportProblem; field: string } {
  if (instance.projects.length < 2) return { ok: false, problem: "import-too-few-projects", field: "file" };
  if (instance.projects.length > MAX_OPTIONS) return { ok: false, problem: "import-too-many-projects", field: "file" };
  if (instance.budget < 1) return { ok: false, problem: "import-budget-zero", field: "file" };
  const title = form.title ?? oneLine(instance.meta.description ?? "", QUESTION_MAX);
  if (title.length < QUESTION_MIN) return { ok: false, problem: "import-no-title", field: "title" };
  const sorted = [...instance.projects].sort((a, b) => compareProjectIds(a.id, b.id));
  const index = new Map(sorted.map((p, i) => [p.id, i]));
  const projects = sorted.map((p) => ({ fileId: p.id, title: oneLine(p.name, OPTION_TITLE_MAX) || oneLine(`Project ${p.id}`, OPTION_TITLE_MAX), cost: p.cost }));
  const ballots = instance.ballots.map((b) => b.approvals.map((id) => index.get(id)!));
  const at = (day: string | null) => (day ? new Date(Math.min(Date.parse(`${day}T12:00:00Z`), now.getTime())) : null);
  const closesAt = at(isoDay(instance.meta.date_end)) ?? now;
  const begin = at(isoDay(instance.meta.date_begin));
  const opensAt = begin && begin <= closesAt ? begin : closesAt;
  return { ok: true, plan: { title, budget: instance.budget, opensAt, closesAt, projects, ballots } };
}
