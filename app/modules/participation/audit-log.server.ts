// The audit log page: privileged actions, filtered by person, action and date.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { auditLog, userRoles, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AUDIT_PAGE_SIZE } from "./moderation.rules";

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  /** Inclusive: the whole day. */
  to?: Date;
  page: number;
}

export function listAuditLog(filter: AuditFilter) {
  const conditions = [
    filter.actorId ? (filter.actorId === "system" ? isNull(auditLog.actorId) : eq(auditLog.actorId, filter.actorId)) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.to ? lt(auditLog.createdAt, new Date(filter.to.getTime() + 86_400_000)) : undefined,
  ].filter(Boolean);
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .all()
    .map((r) => ({
      ...r,
      before: r.before == null ? null : JSON.stringify(r.before),
      after: r.after == null ? null : JSON.stringify(r.after),
      createdAt: r.createdAt.toISOString(),
    }));
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/**
 * The choices for the audit filters: the actions that occur in the log, and the staff (clerks and
 * admins, who take the privileged actions) plus the person filtered on. Listing every actor in
 * the log made a select of thousands of residents, read from the whole log on every visit.
 */
export function auditFilterOptions(selectedActorId?: string) {
  // One index seek per distinct action (audit_log_action_idx), however long the log.
  const actions = db
    .all<{ action: string }>(
      sql`WITH RECURSIVE seen(action) AS (
            SELECT min(action) FROM ${auditLog}
            UNION ALL SELECT (SELECT min(action) FROM ${auditLog} WHERE action > seen.action) FROM seen WHERE seen.action IS NOT NULL)
          SELECT action FROM seen WHERE action IS NOT NULL`,
    )
    .map((r) => r.action);
  const staff = db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, ["clerk", "admin"]));
  const actors = db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(selectedActorId ? or(inArray(users.id, staff), eq(users.id, selectedActorId)) : inArray(users.id, staff))
    .orderBy(asc(users.displayName))
    .all();
  return { actions, actors };
}
