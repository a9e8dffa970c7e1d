// Reading the transparency figures: `transparencyFigures(filter)` adds up the precomputed daily
// rows (transparency.jobs.server.ts) of a period, optionally of one kind, into every figure the
// dashboard shows. One indexed range read of a few hundred rows a day, never the events
// themselves. The open API and the webhooks may read it as it is: everything in it is an
// aggregate (counts, days, neighbourhood names), never a person or a hidden topic's words.
import { sqlite } from "~/utils/db.server";
import { getSetting } from "~/modules/settings/settings.server";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { LEAD_TIMES, MILESTONES, type LeadTime, type Milestone } from "./transparency.constants";
import { againstDeadline, bands, histogramTotal, median, periodsOf, periodUnit, quantile, type DashboardFilter } from "./transparency.rules";

export interface LeadTimeFigure {
  leadTime: LeadTime;
  /** How many ended in the period (on the day of the later moment). */
  count: number;
  /** Calendar days; null when none ended in the period. */
  median: number | null;
  p90: number | null;
  /** Counts per band of days (LEAD_TIME_BANDS). */
  bands: Array<{ key: string; count: number }>;
  byKind: Array<{ kind: string; count: number; median: number | null; p90: number | null }>;
}

export interface DeadlineFigure {
  kind: string;
  leadTime: LeadTime | "next-steps";
  /** The municipality's deadline in days (settings); null for next steps, which carry their own due date. */
  deadlineDays: number | null;
  /** Ended in the period within the deadline, and after it. */
  inTime: number;
  late: number;
  /** Still waiting past the deadline when the figures were computed (not bound to the period). */
  waiting: number;
}

export interface TransparencyFigures {
  filter: DashboardFilter;
  /** When the job last computed the figures (ISO); null before its first run. */
  computedAt: string | null;
  /** The unit of `participation.byPeriod`: days for up to two months, else months. */
  unit: "day" | "month";
  /** The kinds the figures cover, in registry order. */
  kinds: string[];
  /** New participants (people taking part in a topic for the first time) per period and kind. */
  participation: { byPeriod: Array<{ period: string; byKind: Record<string, number>; total: number }>; total: number };
  /** New participants per neighbourhood of the topic (id 0: topics without one), most first, and per period (the periods of `participation`). */
  neighbourhoods: Array<{ id: number; name: string | null; count: number; byPeriod: Record<string, number> }>;
  /** Topics reaching each moment in the period, per kind (each topic's first event of it). */
  milestones: Array<{ kind: string; counts: Record<Milestone, number> }>;
  leadTimes: LeadTimeFigure[];
  deadlines: DeadlineFigure[];
  /** Moderation decisions per action, and the handling time from flag to decision. */
  moderation: { actions: Array<{ action: string; count: number }>; handled: number; medianDays: number | null };
}

interface Row {
  figure: string;
  kind: string;
  neighbourhoodId: number;
  bucket: number;
  period: string;
  n: number;
}

function addTo(map: Map<number, number>, key: number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Every figure of the dashboard for a period (inclusive Amsterdam days) and optionally one kind. */
export function transparencyFigures(filter: DashboardFilter): TransparencyFigures {
  const raw = sqlite();
  const unit = periodUnit(filter);
  const kinds = registeredKinds()
    .map((k) => k.kind as string)
    .filter((k) => filter.kind === null || k === filter.kind);
  const rows = raw
    .prepare(
      `SELECT figure, kind, neighbourhood_id AS neighbourhoodId, bucket, substr(day, 1, ${unit === "day" ? 10 : 7}) AS period, sum(count) AS n
         FROM transparency_figures WHERE day >= @from AND day <= @to ${filter.kind === null ? "" : "AND kind = @kind"}
        GROUP BY figure, kind, neighbourhood_id, bucket, period`,
    )
    .all({ from: filter.from, to: filter.to, ...(filter.kind === null ? {} : { kind: filter.kind }) }) as Row[];
  const state = raw.prepare("SELECT computed_at AS computedAt, waiting FROM transparency_state WHERE id = 1").get() as
    | { computedAt: number | null; waiting: string }
    | undefined;

  const periods = periodsOf(filter);
  const byPeriod = new Map(periods.map((p) => [p, { period: p, byKind: Object.fromEntries(kinds.map((k) => [k, 0])) as Record<string, number>, total: 0 }]));
  const perNeighbourhood = new Map<number, number>();
  const perNeighbourhoodPeriod = new Map<number, Record<string, number>>();
  const milestones = new Map(kinds.map((k) => [k, Object.fromEntries(MILESTONES.map((m) => [m, 0])) as Record<Milestone, number>]));
  const leads = new Map<LeadTime, { all: Map<number, number>; byKind: Map<string, Map<number, number>> }>(
    LEAD_TIMES.map((l) => [l, { all: new Map(), byKind: new Map() }]),
  );
  const stepsDone = new Map<string, { inTime: number; late: number }>();
  const actions = new Map<string, number>();
  let participationTotal = 0;

  for (const row of rows) {
    if (row.figure === "participants") {
      const entry = byPeriod.get(row.period);
      if (entry && row.kind in entry.byKind) {
        entry.byKind[row.kind]! += row.n;
        entry.total += row.n;
        participationTotal += row.n;
        addTo(perNeighbourhood, row.neighbourhoodId, row.n);
        const ofNeighbourhood = perNeighbourhoodPeriod.get(row.neighbourhoodId) ?? Object.fromEntries(periods.map((p) => [p, 0]));
        ofNeighbourhood[row.period] = (ofNeighbourhood[row.period] ?? 0) + row.n;
        perNeighbourhoodPeriod.set(row.neighbourhoodId, ofNeighbourhood);
      }
    } else if (row.figure.startsWith("milestone:")) {
      const counts = milestones.get(row.kind);
      const milestone = row.figure.slice("milestone:".length) as Milestone;
      if (counts && milestone in counts) counts[milestone] += row.n;
    } else if (row.figure.startsWith("lead:")) {
      const lead = leads.get(row.figure.slice("lead:".length) as LeadTime);
      if (!lead) continue;
      addTo(lead.all, row.bucket, row.n);
      if (!lead.byKind.has(row.kind)) lead.byKind.set(row.kind, new Map());
      addTo(lead.byKind.get(row.kind)!, row.bucket, row.n);
    } else if (row.figure === "next-step-done") {
      const done = stepsDone.get(row.kind) ?? { inTime: 0, late: 0 };
      if (row.bucket < 0) done.inTime += row.n;
      else done.late += row.n;
      stepsDone.set(row.kind, done);
    } else if (row.figure.startsWith("moderation:")) {
      const action = row.figure.slice("moderation:".length);
      actions.set(action, (actions.get(action) ?? 0) + row.n);
    }
  }

  const names = new Map((raw.prepare("SELECT id, name FROM neighbourhoods").all() as Array<{ id: number; name: string }>).map((r) => [r.id, r.name]));
  const waiting = state ? (JSON.parse(state.waiting) as Record<string, Record<string, number>>) : {};
  const deadlines: DeadlineFigure[] = [];
  for (const kind of kinds) {
    for (const [leadTime, key] of Object.entries(kindServerManifest(kind).deadlines ?? {}) as Array<[LeadTime, Parameters<typeof getSetting>[0]]>) {
      const days = Number(getSetting(key));
      const histogram = leads.get(leadTime)?.byKind.get(kind) ?? new Map<number, number>();
      deadlines.push({ kind, leadTime, deadlineDays: days, ...againstDeadline(histogram, days), waiting: waiting[kind]?.[leadTime] ?? 0 });
    }
    const done = stepsDone.get(kind) ?? { inTime: 0, late: 0 };
    deadlines.push({ kind, leadTime: "next-steps", deadlineDays: null, ...done, waiting: waiting[kind]?.["next-steps"] ?? 0 });
  }
  const flagLead = leads.get("flag-moderation")!.all;

  return {
    filter,
    computedAt: state?.computedAt ? new Date(state.computedAt).toISOString() : null,
    unit,
    kinds,
    participation: { byPeriod: [...byPeriod.values()], total: participationTotal },
    neighbourhoods: [...perNeighbourhood.entries()]
      .map(([id, count]) => ({ id, name: names.get(id) ?? null, count, byPeriod: perNeighbourhoodPeriod.get(id)! }))
      .sort((a, b) => b.count - a.count || a.id - b.id),
    milestones: kinds.map((kind) => ({ kind, counts: milestones.get(kind)! })),
    leadTimes: LEAD_TIMES.map((leadTime) => {
      const { all, byKind } = leads.get(leadTime)!;
      return {
        leadTime,
        count: histogramTotal(all),
        median: median(all),
        p90: quantile(all, 0.9),
        bands: bands(all),
        byKind: kinds
          .filter((k) => byKind.has(k))
          .map((kind) => ({ kind, count: histogramTotal(byKind.get(kind)!), median: median(byKind.get(kind)!), p90: quantile(byKind.get(kind)!, 0.9) })),
      };
    }),
    deadlines,
    moderation: {
      actions: [...actions.entries()].map(([action, count]) => ({ action, count })).sort((a, b) => a.action.localeCompare(b.action)),
      handled: histogramTotal(flagLead),
      medianDays: median(flagLead),
    },
  };
}
