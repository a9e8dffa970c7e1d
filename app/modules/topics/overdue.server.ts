// The public list of overdue next steps: what the municipality promised after an outcome, for every
// kind, past its due date and not done. Read from the partial index of open steps with a due date
// (next_steps_open_due_idx), most overdue first, a keyset page at a time.
import type { TopicKind } from "#db/schema";
import { sqlite } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetPage } from "~/utils/keyset.server";
import { daysOverdue } from "./topics.rules";

export const OVERDUE_PAGE = 50;
export const OVERDUE_KEY = ["number", "number"] as const;

export interface OverdueStep {
  stepId: number;
  description: string;
  responsibleBody: string | null;
  dueAt: number;
  daysOverdue: number;
  topicId: number;
  kind: TopicKind;
  title: string;
}

type Row = Omit<OverdueStep, "daysOverdue">;

/**
 * One page of overdue steps on topics anyone may read (public, not hidden). The conditions are
 * written as the partial index writes them (literals, not bound values), so SQLite walks it in
 * (due, id) order and stops one row past the page.
 */
export function listOverdueSteps(options: { now: Date; cursor: PageCursor | null; size?: number }) {
  const size = options.size ?? OVERDUE_PAGE;
  const backwards = options.cursor !== null && !options.cursor.after;
  const after = options.cursor ? (backwards ? "AND (s.due_at, s.id) < (@k0, @k1)" : "AND (s.due_at, s.id) > (@k0, @k1)") : "";
  const order = backwards ? "DESC" : "ASC";
  const rows = sqlite()
    .prepare(
      `SELECT s.id AS stepId, s.description, s.responsible_body AS responsibleBody, s.due_at AS dueAt, t.id AS topicId, t.kind, t.title
         FROM next_steps s INDEXED BY next_steps_open_due_idx JOIN topics t ON t.id = s.topic_id
        WHERE s.status <> 'done' AND s.due_at IS NOT NULL AND s.due_at < @now AND t.is_public = 1 AND t.hidden = 0 ${after}
        ORDER BY s.due_at ${order}, s.id ${order} LIMIT @limit`,
    )
    .all({ now: options.now.getTime(), limit: size + 1, ...(options.cursor ? { k0: options.cursor.key[0], k1: options.cursor.key[1] } : {}) }) as Row[];
  const page = keysetPage(rows, size, options.cursor, (r) => [r.dueAt, r.stepId]);
  return {
    ...page,
    rows: page.rows.map((row) => ({ ...row, daysOverdue: daysOverdue({ status: "planned", dueAt: new Date(row.dueAt) }, options.now) ?? 0 })),
  };
}
