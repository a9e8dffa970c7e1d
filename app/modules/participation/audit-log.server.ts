// The audit log page: privileged actions, filtered by person, action and date.
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
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

/** The choices for the audit filters: the actions and the people that occur in the log. */
export function auditFilterOptions() {
  const actions = db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)).all().map((r) => r.action);
  const actors = db
    .selectDistinct({ id: auditLog.actorId, name: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(isNotNull(auditLog.actorId))
    .orderBy(asc(users.displayName))
    .all()
    .map((r) => ({ id: r.id!, name: r.name ?? r.id! }));
  return { actions, actors };
}
