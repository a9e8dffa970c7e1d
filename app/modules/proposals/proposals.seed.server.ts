// The demo municipality's agenda proposals, one in every state, written through the service
// functions so statuses, counts, timelines and notices agree. Also makes the demo residents who
// support them verified residents (the verordening counts only those by default).
import { eq } from "drizzle-orm";
import { proposals, userRoles, users } from "#db/schema";
import { verifyAtDesk } from "~/modules/residents/residents.server";
import { supportTopic } from "~/modules/support/support.topics.server";
import type { KindSeedContext } from "~/modules/topics/topics.kinds.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { decideAdmissibility, draftProposal, expireProposals, submitProposal, withdrawProposal } from "./proposals.server";
import { proposalSupportSpec } from "./proposals.support.server";

/** Verified residents without an email address (they cannot sign in) who support the demo proposals. */
export const SUPPORTERS = Array.from({ length: 8 }, (_, i) => ({ id: `demo-supporter-${i + 1}`, name: `Inwoner ${i + 1}`, postcode: `99${String(i + 11).padStart(2, "0")}AB` }));

function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`seeding proposals: ${what} failed: ${JSON.stringify(result)}`);
  return result;
}

export function seedProposals(ctx: KindSeedContext): void {
  const day = 86_400_000;
  const ago = (days: number) => new Date(ctx.now.getTime() - days * day);
  const person = (id: string, roles: Actor["roles"] = ["resident"]): Actor => ({ id, roles, emailVerified: true, blocked: false });
  const clerk = person(ctx.accounts.clerk, ["resident", "clerk"]);
  const anna = person(ctx.accounts.resident);
  const jan = person(ctx.accounts.resident2);

  db.transaction((tx) => {
    for (const s of SUPPORTERS) {
      tx.insert(users).values({ id: s.id, displayName: s.name, locale: "nl", emailVerifiedAt: ago(300), createdAt: ago(300), postcode: s.postcode }).onConflictDoNothing().run();
      tx.insert(userRoles).values({ userId: s.id, role: "resident" }).onConflictDoNothing().run();
    }
  });
  // The clerk lives in Voorbeeldstad too, verified at the desk like Anna (the councillor is left
  // unverified: the residents journey has them use a letter code).
  for (const [userId, birthDate] of [
    [ctx.accounts.clerk, "1979-02-03"],
    ...SUPPORTERS.map((s, i) => [s.id, `19${60 + i * 4}-0${(i % 9) + 1}-15`]),
  ] as const) {
    const postcode = db.select({ postcode: users.postcode }).from(users).where(eq(users.id, userId)).get()?.postcode ?? "9903AB";
    must(verifyAtDesk(ctx.accounts.clerk, { userId, postcode, birthDate, evidence: "identity-card" }, ago(150)), `verifying ${userId}`);
  }

  const draft = (author: Actor, title: string, decision: string, reasons: string, neighbourhood: string | null, at: Date) => {
    const made = must(draftProposal(author, { title, decision, reasons, neighbourhoodId: neighbourhood ? ctx.neighbourhoodIds[neighbourhood]! : null }, { now: at }), `drafting ${title}`);
    return (made as { topicId: number }).topicId;
  };
  const support = (topicId: number, who: readonly string[], at: Date) => {
    for (const id of who) must(supportTopic(proposalSupportSpec, { id }, topicId, at), `supporting ${topicId}`);
  };
  // Demo thresholds are small so a visitor sees every state; the settings' own threshold applies to new ones.
  const demoThreshold = (topicId: number, threshold: number) => db.update(proposals).set({ threshold }).where(eq(proposals.topicId, topicId)).run();

  draft(anna, "Meer bankjes langs de Singel", "De raad besluit dat er langs de hele Singel om de honderd meter een bankje komt.", "Oudere bewoners kunnen de wandeling nu niet in één keer maken.", "Centrum", ago(2));

  const waiting = draft(jan, "Een hondenlosloopgebied in het Westerpark", "De raad besluit een omheind hondenlosloopgebied in te richten in het Westerpark.", "Honden lopen nu los op het speelveld.", "West", ago(6));
  must(submitProposal(jan, waiting, ago(5)), "submitting");

  const overdue = draft(anna, "Gratis parkeren voor mantelzorgers", "De raad besluit dat mantelzorgers met een pas gratis parkeren in de hele stad.", "Mantelzorgers komen vaak en kort; parkeren kost hen veel geld.", null, ago(40));
  must(submitProposal(anna, overdue, ago(30)), "submitting");

  const refused = draft(jan, "Afschaffen van de hondenbelasting", "De raad besluit de hondenbelasting af te schaffen.", "De opbrengst gaat niet naar voorzieningen voor honden.", null, ago(60));
  must(submitProposal(jan, refused, ago(58)), "submitting");
  must(decideAdmissibility(clerk, refused, { decision: { admissible: false, reason: "excluded-subject" }, note: "Belastingen staan op de lijst van uitgezonderde onderwerpen in de verordening.", earlierTopicId: null }, ago(55)), "refusing");

  const collecting = draft(anna, "Veilig oversteken bij de Lindelaan", "De raad besluit een zebrapad met verkeersdrempel aan te leggen op de Lindelaan bij het winkelcentrum.", "Bewoners steken nu over tussen geparkeerde autos en bussen door.", "Noord", ago(20));
  must(submitProposal(anna, collecting, ago(19)), "submitting");
  must(decideAdmissibility(clerk, collecting, { decision: { admissible: true }, note: "Ontvankelijk: het onderwerp valt onder de bevoegdheid van de raad.", earlierTopicId: null }, ago(17)), "admitting");
  demoThreshold(collecting, 12);
  support(collecting, SUPPORTERS.slice(0, 5).map((s) => s.id), ago(10));

  const reached = draft(jan, "Openbare toiletten in het centrum", "De raad besluit twee openbare toiletten te plaatsen op de Markt en bij het station.", "Bezoekers van het centrum kunnen nergens terecht.", "Centrum", ago(50));
  must(submitProposal(jan, reached, ago(49)), "submitting");
  must(decideAdmissibility(clerk, reached, { decision: { admissible: true }, note: null, earlierTopicId: null }, ago(45)), "admitting");
  demoThreshold(reached, 6);
  support(reached, SUPPORTERS.slice(0, 6).map((s) => s.id), ago(30));

  const expired = draft(anna, "Een skatebaan in Zuid", "De raad besluit een skatebaan aan te leggen in het park aan de Zuidsingel.", "Jongeren in Zuid hebben geen plek om te skaten.", "Zuid", ago(150));
  must(submitProposal(anna, expired, ago(148)), "submitting");
  must(decideAdmissibility(clerk, expired, { decision: { admissible: true }, note: null, earlierTopicId: null }, ago(140)), "admitting");
  demoThreshold(expired, 10);
  support(expired, SUPPORTERS.slice(0, 3).map((s) => s.id), ago(120));
  expireProposals(ctx.now);

  const withdrawn = draft(jan, "Langere openingstijden van de bibliotheek", "De raad besluit dat de bibliotheek op zondag open is.", "Werkende ouders kunnen doordeweeks niet.", null, ago(12));
  must(submitProposal(jan, withdrawn, ago(11)), "submitting");
  must(withdrawProposal(jan, withdrawn, ago(9)), "withdrawing");
}
