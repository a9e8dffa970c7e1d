// Readable words for the audit log: what was done ("petition.publish" → "Petitie gepubliceerd") and
// to what ("petition 3" → "Petitie 3", linked). An action code without words yet shows as itself.
import type { Translate } from "~/i18n/translate";
import { isRegisteredKind, kindManifest } from "~/modules/topics/topics.kinds";

export function auditActionLabel(action: string, t: Translate): string {
  const key = `moderation.audit.do.${action}`;
  return t.has(key) ? t(key) : action;
}

export function auditEntityLabel(entityType: string, entityId: string, t: Translate): string {
  const key = `moderation.audit.entity.${entityType}`;
  return `${t.has(key) ? t(key) : entityType} ${entityId}`;
}

/** Where the thing an entry is about can be seen, when it has a page of its own. */
export function auditEntityHref(entityType: string, entityId: string): string | null {
  if (!/^[1-9]\d{0,15}$/.test(entityId)) return null;
  // An entry about a topic names its kind as the entity type: its page is under the kind's path.
  if (!isRegisteredKind(entityType)) return null;
  return `${kindManifest(entityType).path}/${entityId}`;
}
