// Readable words for the audit log's actions ("petition.publish" → "Petitie gepubliceerd"). What an
// entry is about and what changed are put in words on the server (audit-words.server.ts).
import type { Translate } from "~/i18n/translate";

export function auditActionLabel(action: string, t: Translate): string {
  const key = `moderation.audit.do.${action}`;
  return t.has(key) ? t(key) : action;
}
