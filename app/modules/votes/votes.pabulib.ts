// Pabulib `.pb` files (pabulib.org/format), the research standard for participatory budgets: a
// closed budget vote is published in it, and a budget held on paper (or an earlier year, to replay
// it under another rule) is read from it. Approval ballots only.
//
// A file is three sections, each a line with its name and then `;`-separated rows under a header:
//   META      key;value                              (budget, vote_type, rule, ...)
//   PROJECTS  project_id;cost;votes;name;selected    (more columns may follow; only these are used)
//   VOTES     voter_id;vote                          (vote: approved project ids, comma-separated)
// Fields may be quoted ("a;b", "say ""hi""") but stay on one line; lines end in LF or CRLF. Reading stops at the first
// thing it cannot use and says which line it is on; nothing half-read is returned.
import type { Allocation, BudgetElection } from "./allocation.rules";

export interface PabulibProject {
  id: string;
  /** Whole currency units. */
  cost: number;
  name: string;
  /** Funded in the outcome the file records (the `selected` column); false when it has none. */
  selected: boolean;
}

export interface PabulibBallot {
  voterId: string;
  /** Approved project ids, each once, in the order written. */
  approvals: string[];
}

export interface PabulibInstance {
  /** Whole currency units (META `budget`). */
  budget: number;
  /**
   * Every other META entry, in file order (description, country, unit, rule, ...). The counts,
   * the budget and the vote type are not here: they follow from the data and are written from it.
   */
  meta: Record<string, string>;
  projects: PabulibProject[];
  ballots: PabulibBallot[];
}

export type PabulibError =
  | "too-large"
  | "not-text"
  | "unclosed-quote"
  | "outside-section"
  | "section-order"
  | "missing-section"
  | "missing-column"
  | "missing-field"
  | "budget-missing"
  | "budget-not-a-number"
  | "unsupported-vote-type"
  | "count-mismatch"
  | "cost-not-a-number"
  | "selected-not-a-number"
  | "duplicate-key"
  | "duplicate-project"
  | "duplicate-voter"
  | "unknown-project";

export type PabulibRead =
  | { ok: true; instance: PabulibInstance }
  | {
      ok: false;
      reason: PabulibError;
      /** 1-based line in the file; null when the file as a whole is refused (too large, not text). */
      line: number | null;
      /** The offending value (a project id, a section or column name), for the message. */
      detail?: string;
    };

/** Larger than the largest city budgets published on pabulib.org. */
export const PABULIB_MAX_BYTES = 25 * 1024 * 1024;

/**
 * What a clerk may upload: the server refuses any request body over 1 MB before the app sees it
 * (server.js), so the file's own limit sits below that, with room for the rest of the form, and
 * a file just too large still gets its message beside the field.
 */
export const PABULIB_UPLOAD_MAX_BYTES = 960 * 1024;

const SECTIONS = ["meta", "projects", "votes"] as const;
type Section = (typeof SECTIONS)[number];
/** META keys that are written from the data rather than kept as given. */
const DERIVED_META = new Set(["budget", "num_projects", "num_votes", "vote_type"]);

class Refusal extends Error {
  constructor(
    readonly reason: PabulibError,
    readonly line: number | null,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

/** Reads a `.pb` file given as text or as the uploaded bytes (UTF-8). */
export function readPabulib(input: string | Uint8Array, options: { maxBytes?: number } = {}): PabulibRead {
  try {
    return { ok: true, instance: parse(decode(input, options.maxBytes ?? PABULIB_MAX_BYTES)) };
  } catch (error) {
    if (error instanceof Refusal) {
      return { ok: false, reason: error.reason, line: error.line, ...(error.detail !== undefined ? { detail: error.detail } : {}) };
    }
    throw error;
  }
}

function decode(input: string | Uint8Array, maxBytes: number): string {
  let text: string;
  if (typeof input === "string") {
    if (utf8Length(input, maxBytes) > maxBytes) throw new Refusal("too-large", null);
    text = input;
  } else {
    if (input.byteLength > maxBytes) throw new Refusal("too-large", null);
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      throw new Refusal("not-text", null);
    }
  }
  // Control characters other than tab and line ends mean a binary file (an image, a spreadsheet).
  const binary = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (binary) throw new Refusal("not-text", lineAt(text, binary.index));
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

/** UTF-8 length of a string, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Row {
  fields: string[];
  line: number;
}

/** Splits the text into rows of `;`-separated fields, honouring double quotes. Blank lines are skipped. */
function* rows(text: string): Generator<Row> {
  let line = 1;
  let i = 0;
  const end = text.length;
  while (i < end) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let wasQuoted = false;
    for (;;) {
      if (i >= end) {
        if (quoted) throw new Refusal("unclosed-quote", start);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        // A line break inside quotes is taken for a quote left open: that names the right line,
        // where accepting it would swallow the rest of the file into one field.
        if (ch === "\n" || ch === "\r") throw new Refusal("unclosed-quote", start);
        field += ch;
        i++;
        continue;
      }
      if (ch === '"' && field.trim() === "" && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field = "";
        i++;
        continue;
      }
      if (ch === ";") {
        fields.push(wasQuoted ? field : field.trim());
        field = "";
        wasQuoted = false;
        i++;
        continue;
      }
      if (ch === "\n" || ch === "\r") {
        i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        break;
      }
      // Spaces after a closing quote are layout; other text after it (`"a"b`) is kept as written.
      if (wasQuoted && (ch === " " || ch === "\t")) {
        i++;
        continue;
      }
      field += ch;
      i++;
    }
    fields.push(wasQuoted ? field : field.trim());
    if (fields.length === 1 && fields[0] === "" && !wasQuoted) continue;
    yield { fields, line: start };
  }
}

function sectionName(row: Row): Section | null {
  const name = row.fields[0]!.trim().toLowerCase();
  const rest = row.fields.slice(1).every((f) => f.trim() === "");
  return rest && (SECTIONS as readonly string[]).includes(name) ? (name as Section) : null;
}

/** A whole number of currency units; "1500" and "1500.00" are, "1.500,50" and "15e2" are not. */
function wholeAmount(value: string): number | null {
  const match = /^(\d{1,15})(?:\.0+)?$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

function parse(text: string): PabulibInstance {
  const meta: Record<string, string> = {};
  const metaLines = new Map<string, number>();
  const projects: PabulibProject[] = [];
  const projectIds = new Set<string>();
  const ballots: PabulibBallot[] = [];
  const voterIds = new Set<string>();
  const seen: Section[] = [];
  const sectionLines = new Map<Section, number>();
  let section: Section | null = null;
  let header: { columns: string[]; line: number } | null = null;
  let lastLine = 1;

  const column = (name: string, required: boolean): number => {
    const at = header!.columns.indexOf(name);
    if (at < 0 && required) throw new Refusal("missing-column", header!.line, name);
    return at;
  };
  let projectColumns: { id: number; cost: number; name: number; selected: number } | null = null;
  let voteColumns: { voter: number; vote: number } | null = null;

  for (const row of rows(text)) {
    lastLine = row.line;
    const named = sectionName(row);
    if (named) {
      const expected = SECTIONS[seen.length];
      if (named !== expected) throw new Refusal("section-order", row.line, named.toUpperCase());
      seen.push(named);
      sectionLines.set(named, row.line);
      section = named;
      header = null;
      continue;
    }
    if (!section) throw new Refusal("outside-section", row.line);
    if (!header) {
      header = { columns: row.fields.map((f) => f.trim().toLowerCase()), line: row.line };
      if (section === "meta") {
        column("key", true);
        column("value", true);
      } else if (section === "projects") {
        projectColumns = { id: column("project_id", true), cost: column("cost", true), name: column("name", false), selected: column("selected", false) };
      } else {
        voteColumns = { voter: column("voter_id", true), vote: column("vote", true) };
      }
      continue;
    }
    const field = (at: number, name: string): string => {
      const value = row.fields[at];
      if (value === undefined) throw new Refusal("missing-field", row.line, name);
      return value;
    };

    if (section === "meta") {
      const key = field(header.columns.indexOf("key"), "key").trim();
      const value = field(header.columns.indexOf("value"), "value");
      if (metaLines.has(key)) throw new Refusal("duplicate-key", row.line, key);
      metaLines.set(key, row.line);
      meta[key] = value;
    } else if (section === "projects") {
      const c = projectColumns!;
      const id = field(c.id, "project_id").trim();
      if (id === "") throw new Refusal("missing-field", row.line, "project_id");
      if (projectIds.has(id)) throw new Refusal("duplicate-project", row.line, id);
      const cost = wholeAmount(field(c.cost, "cost"));
      if (cost === null || cost < 1) throw new Refusal("cost-not-a-number", row.line, row.fields[c.cost]);
      let selected = false;
      if (c.selected >= 0 && (row.fields[c.selected] ?? "").trim() !== "") {
        const mark = row.fields[c.selected]!.trim();
        if (!/^\d+$/.test(mark)) throw new Refusal("selected-not-a-number", row.line, mark);
        selected = Number(mark) > 0;
      }
      projectIds.add(id);
      projects.push({ id, cost, name: c.name >= 0 ? (row.fields[c.name] ?? "") : "", selected });
    } else {
      const c = voteColumns!;
      const voterId = field(c.voter, "voter_id").trim();
      if (voterId === "") throw new Refusal("missing-field", row.line, "voter_id");
      if (voterIds.has(voterId)) throw new Refusal("duplicate-voter", row.line, voterId);
      const approvals: string[] = [];
      for (const part of field(c.vote, "vote").split(",")) {
        const id = part.trim();
        if (id === "" || approvals.includes(id)) continue;
        if (!projectIds.has(id)) throw new Refusal("unknown-project", row.line, id);
        approvals.push(id);
      }
      voterIds.add(voterId);
      ballots.push({ voterId, approvals });
    }
  }

  if (seen.length < SECTIONS.length) throw new Refusal("missing-section", lastLine, SECTIONS[seen.length]!.toUpperCase());
  if (!("budget" in meta)) throw new Refusal("budget-missing", sectionLines.get("meta")!);
  const budget = wholeAmount(meta.budget!);
  if (budget === null) throw new Refusal("budget-not-a-number", metaLines.get("budget")!, meta.budget);
  const voteType = meta.vote_type?.trim().toLowerCase();
  if (voteType !== undefined && voteType !== "approval") throw new Refusal("unsupported-vote-type", metaLines.get("vote_type")!, meta.vote_type);
  for (const [key, actual] of [
    ["num_projects", projects.length],
    ["num_votes", ballots.length],
  ] as const) {
    if (key in meta && meta[key]!.trim() !== String(actual)) throw new Refusal("count-mismatch", metaLines.get(key)!, key);
  }
  for (const key of DERIVED_META) delete meta[key];
  return { budget, meta, projects, ballots };
}

// --- writing ---------------------------------------------------------------------------------------

/** A field as written: line breaks become spaces (a row is one line), quoted where needed. */
function quoted(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, " ");
  return /[;"]|^\s|\s$/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

/**
 * Writes an instance as a `.pb` file (LF line ends). The counts, the budget and the vote type are
 * written from the data; each project's `votes` is counted from the ballots.
 */
export function writePabulib(instance: PabulibInstance): string {
  // A vote lists ids separated by commas, unquoted (as every reader of the format expects).
  const unwritable = instance.projects.find((p) => p.id.includes(","));
  if (unwritable) throw new Error(`project id ${unwritable.id} has a comma and cannot be written in a vote list`);
  const votes = new Map(instance.projects.map((p) => [p.id, 0]));
  for (const ballot of instance.ballots) for (const id of ballot.approvals) votes.set(id, (votes.get(id) ?? 0) + 1);
  const lines: string[] = ["META", "key;value"];
  for (const [key, value] of Object.entries(instance.meta)) {
    if (!DERIVED_META.has(key)) lines.push(`${quoted(key)};${quoted(value)}`);
  }
  lines.push(
    `num_projects;${instance.projects.length}`,
    `num_votes;${instance.ballots.length}`,
    `budget;${instance.budget}`,
    "vote_type;approval",
    "PROJECTS",
    "project_id;cost;votes;name;selected",
  );
  for (const p of instance.projects) {
    lines.push(`${quoted(p.id)};${p.cost};${votes.get(p.id) ?? 0};${quoted(p.name)};${p.selected ? 1 : 0}`);
  }
  lines.push("VOTES", "voter_id;vote");
  for (const b of instance.ballots) {
    lines.push(`${quoted(b.voterId)};${b.approvals.length ? quoted(b.approvals.join(",")) : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A closed budget vote as a `.pb` instance: `selected` and META `rule` from the allocation the
 * vote used. Voter ids are what the caller passes, which must be random (the published ballot
 * codes), never account ids.
 */
export function pabulibFromOutcome(input: {
  meta: Record<string, string>;
  projects: ReadonlyArray<{ id: string; cost: number; name: string }>;
  ballots: ReadonlyArray<{ voterId: string; approvals: readonly string[] }>;
  allocation: Allocation;
}): PabulibInstance {
  const funded = new Set(input.allocation.funded);
  return {
    budget: input.allocation.budget,
    meta: { ...input.meta, rule: input.allocation.rule },
    projects: input.projects.map((p) => ({ id: p.id, cost: p.cost, name: p.name, selected: funded.has(p.id) })),
    ballots: input.ballots.map((b) => ({ voterId: b.voterId, approvals: [...b.approvals] })),
  };
}

/** The election an allocation rule runs on. */
export function pabulibElection(instance: PabulibInstance): BudgetElection {
  return {
    budget: instance.budget,
    projects: instance.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: instance.ballots.map((b) => b.approvals),
  };
}

/**
 * The catalog keys (app/i18n/votes.ts) for a refused file: the message, and whether it goes inside
 * "Line {line}: {message}". Params: `detail`, and `max` (megabytes) for a file that is too large.
 */
export function pabulibErrorMessage(refusal: Extract<PabulibRead, { ok: false }>): {
  key: `vote.pabulib.error.${PabulibError}`;
  params: Record<string, string | number>;
  line: number | null;
} {
  return {
    key: `vote.pabulib.error.${refusal.reason}`,
    params: { detail: refusal.detail ?? "", max: Math.round(PABULIB_MAX_BYTES / (1024 * 1024)) },
    line: refusal.line,
  };
}
