// Shared set-up for the bylaw tests: a published draft bylaw with a few articles, people as actors.
import { eq } from "drizzle-orm";
import { bylawAmendments, topics } from "#db/schema";
import { createDraft, proposeAmendment, publishBylaw, versionProposal, type AmendmentInput } from "~/modules/bylaws/bylaws.server";
import { findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";

export const DRAFT = `# Terrasverordening

Regels voor terrassen.

## Artikel 1. Vrije doorgang

Een terras laat een vrije doorgang van anderhalve meter breed.

## Artikel 2. Openingstijden

Een terras is open van tien uur tot elf uur 's avonds.

## Artikel 3. Geluid

Op een terras wordt geen versterkte muziek gespeeld.
`;

export function actorOf(person: TestPerson) {
  const user = findSessionUser(person.id);
  if (!user) throw new Error("no such person");
  return user;
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A published draft bylaw (version 1) by a fresh clerk, open for a week. */
export async function openBylaw(clerk?: TestPerson) {
  const who = clerk ?? (await createPerson({ roles: ["resident", "clerk"] }));
  const created = createDraft(actorOf(who), { title: "Terrasverordening", summary: "", markdown: DRAFT, closesAt: inDays(7) });
  if (!created.ok) throw new Error(created.reason);
  const published = publishBylaw(actorOf(who), { topicId: created.topicId });
  if (!published.ok) throw new Error(published.reason);
  const articles = versionProposal(db, created.topicId)!.base.articles;
  return { topicId: created.topicId, clerk: who, articles, articleIds: articles.map((a) => a.articleId) };
}

export function amend(person: TestPerson, input: AmendmentInput) {
  const result = proposeAmendment(actorOf(person), input);
  if (!result.ok) throw new Error(result.reason);
  return result.amendmentId;
}

export const amendmentRow = (id: number) => db.select().from(bylawAmendments).where(eq(bylawAmendments.id, id)).get()!;
export const topicRow = (id: number) => db.select().from(topics).where(eq(topics.id, id)).get()!;
