// The demo's draft bylaws, written through the service functions (so counters, versions, follows,
// timelines and notices are consistent): a terrace and public space bylaw in consultation, with a
// dozen articles, comments per article, amendments in every state and three versions; and a market
// bylaw whose consultation closed with its report; and a draft not yet published, for the clerks.
import { userRoles, users } from "#db/schema";
import { postComment } from "~/modules/participation/comments.server";
import {
  closeConsultation,
  createDraft,
  decideAmendment,
  proposeAmendment,
  publishBylaw,
  publishVersion,
  takeAmendmentStance,
  versionProposal,
  type AmendmentInput,
} from "~/modules/bylaws/bylaws.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import type { SeedContext } from "../seed";

const PARTICIPANTS = [
  { id: "demo-participant-1", name: "Pieter Bakker" },
  { id: "demo-participant-2", name: "Fatima el Amrani" },
  { id: "demo-participant-3", name: "Sanne Visser" },
];

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`seeding bylaws: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

export const TERRACE_BYLAW = `# Verordening terrassen en openbare ruimte Voorbeeldstad 2027

Deze verordening regelt waar en wanneer ondernemers een terras mogen hebben, en hoe de openbare ruimte
toegankelijk blijft voor iedereen: voetgangers, mensen met een rolstoel of kinderwagen, en hulpdiensten.

## Artikel 1. Begripsbepalingen

In deze verordening wordt verstaan onder:

1. terras: een buiten een gebouw gelegen deel van een horecabedrijf waar tafels en stoelen staan;
2. openbare ruimte: wegen, pleinen, parken en andere voor iedereen toegankelijke plaatsen;
3. vrije doorgang: de strook die voor voetgangers vrij blijft.

## Artikel 2. Vergunningplicht

1. Het is verboden zonder vergunning van het college een terras te hebben in de openbare ruimte.
2. De vergunning wordt verleend voor ten hoogste vijf jaar.

## Artikel 3. Vrije doorgang

Een terras laat een vrije doorgang van ten minste 1,50 meter breed voor voetgangers.

## Artikel 4. Openingstijden

Een terras is open van 10.00 uur tot 23.00 uur. Op vrijdag en zaterdag mag het terras tot 00.00 uur open zijn.

## Artikel 5. Geluid

Op een terras wordt geen versterkte muziek gespeeld.

## Artikel 6. Meubilair

Het terrasmeubilair is van duurzaam materiaal en wordt buiten de openingstijden opgeruimd of vastgezet.

## Artikel 7. Overkappingen en windschermen

1. Een windscherm is ten hoogste 1,50 meter hoog en doorzichtig.
2. Een vaste overkapping is niet toegestaan.

## Artikel 8. Toegankelijkheid

Ten minste één tafel op elk terras is bereikbaar en bruikbaar voor mensen in een rolstoel.

## Artikel 9. Reclame

Op het terras is alleen reclame toegestaan voor het eigen bedrijf.

## Artikel 10. Schoonhouden

De vergunninghouder houdt het terras en de omgeving tot 10 meter van het terras schoon.

## Artikel 11. Handhaving

Het college kan een last onder dwangsom opleggen bij overtreding van deze verordening.

## Artikel 12. Inwerkingtreding

Deze verordening treedt in werking op 1 april 2027.
`;

export const MARKET_BYLAW = `# Verordening weekmarkt Voorbeeldstad

Regels voor de weekmarkt op het Marktplein.

## Artikel 1. Markttijden

De weekmarkt wordt gehouden op zaterdag van 8.00 uur tot 17.00 uur.

## Artikel 2. Standplaatsen

Het college wijst de standplaatsen toe voor ten hoogste drie jaar.

## Artikel 3. Afval

Iedere marktkoopman neemt zijn eigen afval mee.

## Artikel 4. Inwerkingtreding

Deze verordening treedt in werking op 1 januari 2027.
`;

/** The demo's draft bylaws: one in consultation with three versions, one closed with its report, and one the clerks are still writing. */
export async function seedBylaws(ctx: SeedContext): Promise<void> {
  const ago = (hours: number) => new Date(ctx.now.getTime() - hours * 3_600_000);
  db.transaction((tx) => {
    for (const p of PARTICIPANTS) {
      tx.insert(users).values({ id: p.id, displayName: p.name, locale: "nl", emailVerifiedAt: ago(24 * 300), createdAt: ago(24 * 300), postcode: "9912AB" }).onConflictDoNothing().run();
      tx.insert(userRoles).values({ userId: p.id, role: "resident" }).onConflictDoNothing().run();
    }
  });
  const person = (id: string, roles: Actor["roles"] = ["resident"]): Actor => ({ id, roles, emailVerified: true, blocked: false });
  const anna = person(ctx.accounts.resident);
  const jan = person(ctx.accounts.resident2);
  const clerk = person(ctx.accounts.clerk, ["resident", "clerk"]);
  const [pieter, fatima, sanne] = PARTICIPANTS.map((p) => person(p.id));

  // 1. The terrace bylaw, in consultation for another three weeks.
  const terrace = must(createDraft(clerk, { title: "Verordening terrassen en openbare ruimte", summary: "Waar en wanneer mogen terrassen, en hoe blijft de stoep vrij voor iedereen?", markdown: TERRACE_BYLAW, closesAt: new Date(ctx.now.getTime() + 21 * 24 * 3_600_000) }, { now: ago(24 * 30) }), "draft").topicId;
  must(publishBylaw(clerk, { topicId: terrace }, { now: ago(24 * 29) }), "publish");
  const articleId = (n: number) => versionProposal(db, terrace)!.base.articles[n - 1]!.articleId;
  const amend = (who: Actor, hoursAgo: number, input: Omit<AmendmentInput, "topicId">) => must(proposeAmendment(who, { topicId: terrace, ...input }, { now: ago(hoursAgo) }), "amend").amendmentId;
  const comment = (who: Actor, n: number, hoursAgo: number, body: string) => must(postComment(who, { topicId: terrace, partId: articleId(n), body }, { now: ago(hoursAgo) }), "comment");
  const stance = (amendmentId: number, who: Actor[], s: "support" | "oppose", hoursAgo: number) => {
    for (const w of who) must(takeAmendmentStance(w, { topicId: terrace, amendmentId, stance: s }, ago(hoursAgo)), "stance");
  };
  const decide = (amendmentId: number, decision: "accept" | "reject" | "consider", reason: string | null, hoursAgo: number) =>
    must(decideAmendment(clerk, { topicId: terrace, amendmentId, decision, reason }, { now: ago(hoursAgo) }), "decide");
  const publishNext = (note: string, hoursAgo: number) => {
    const p = versionProposal(db, terrace)!;
    must(publishVersion(clerk, { topicId: terrace, amendmentIds: p.amendmentIds, texts: {}, headings: {}, removed: new Set(p.proposed.filter((a) => a.merge.state === "deleted").map((a) => a.key)), resolved: new Set(), note }, { now: ago(hoursAgo) }), "version");
  };

  comment(anna, 3, 24 * 28, "Anderhalve meter is te smal voor twee kinderwagens die elkaar passeren.");
  comment(pieter, 3, 24 * 27, "In de Kerkstraat lukt zelfs 1,50 meter nu al niet op zaterdag.");
  comment(fatima, 4, 24 * 26, "Graag op zondag ook later open in de zomer.");
  comment(sanne, 8, 24 * 25, "Goed dat dit erin staat. Wie controleert het?");
  comment(jan, 5, 24 * 24, "Mag een straatmuzikant naast het terras dan nog wel spelen?");

  const wider = amend(anna, 24 * 27, { articleId: articleId(3), type: "replace", heading: "", text: "Een terras laat een vrije doorgang van ten minste 2,00 meter breed voor voetgangers.", rationale: "Twee kinderwagens of een rolstoel en een voetganger moeten elkaar kunnen passeren." });
  const weekend = amend(fatima, 24 * 26, { articleId: articleId(4), type: "replace", heading: "", text: "Een terras is open van 10.00 uur tot 23.00 uur. Op vrijdag en zaterdag en in juli en augustus mag het terras tot 00.00 uur open zijn.", rationale: "In de zomer zitten mensen graag langer buiten." });
  const noAds = amend(pieter, 24 * 25, { articleId: articleId(9), type: "delete", heading: "", text: "", rationale: "Reclame voor het eigen bedrijf is al geregeld in de reclameverordening; dit artikel is dubbel." });
  stance(wider, [jan, sanne, fatima], "support", 24 * 24);
  stance(wider, [pieter], "oppose", 24 * 24);
  stance(weekend, [pieter, sanne], "support", 24 * 24);
  stance(weekend, [anna], "oppose", 24 * 24);
  decide(wider, "accept", "De gemeente neemt 2,00 meter over: dat is ook de richtlijn van het CROW.", 24 * 22);
  decide(weekend, "accept", null, 24 * 22);
  decide(noAds, "accept", "Klopt: de reclameverordening regelt dit al.", 24 * 22);
  publishNext("Vrije doorgang verbreed, zomeravonden langer, dubbel artikel over reclame geschrapt.", 24 * 21);

  const smoke = amend(sanne, 24 * 18, { articleId: articleId(5), type: "insert-after", heading: "Rookvrije terrassen", text: "Ten minste de helft van elk terras is rookvrij.", rationale: "Zo kan iedereen buiten zitten zonder rook." });
  const music = amend(jan, 24 * 17, { articleId: articleId(5), type: "replace", heading: "", text: "Op een terras wordt geen versterkte muziek gespeeld, behalve tijdens evenementen waarvoor het college een vergunning heeft verleend.", rationale: "Bij Koningsdag en het zomerfestival hoort muziek." });
  const cover = amend(pieter, 24 * 16, { articleId: articleId(7), type: "replace", heading: "", text: "1. Een windscherm is ten hoogste 1,80 meter hoog en doorzichtig.\n2. Een vaste overkapping is niet toegestaan.", rationale: "1,50 meter houdt de wind niet tegen als je zit." });
  const noCars = amend(fatima, 24 * 15, { articleId: articleId(10), type: "replace", heading: "", text: "De vergunninghouder houdt het terras en de omgeving tot 25 meter van het terras schoon.", rationale: "Sigarettenpeuken liggen vaak verder weg." });
  stance(smoke, [anna, fatima, jan], "support", 24 * 14);
  stance(music, [pieter], "support", 24 * 14);
  stance(music, [anna, sanne], "oppose", 24 * 14);
  decide(smoke, "accept", "Sluit aan bij het landelijke beleid voor een rookvrije generatie.", 24 * 12);
  decide(music, "accept", null, 24 * 12);
  decide(cover, "reject", "Een hoger scherm belemmert het zicht voor verkeer en de doorgang; 1,50 meter blijft.", 24 * 12);
  decide(noCars, "consider", "Wordt meegenomen bij de evaluatie van het afvalbeleid in 2027.", 24 * 12);
  publishNext("Rookvrije helft toegevoegd, muziek bij evenementen toegestaan.", 24 * 11);

  // Waiting for the clerks: two open amendments with support, and two accepted ones on the same
  // article that change the same words (the next version shows the conflict).
  const fine = amend(anna, 24 * 6, { articleId: articleId(11), type: "replace", heading: "", text: "Het college kan een last onder dwangsom of een bestuurlijke boete opleggen bij overtreding van deze verordening.", rationale: "Een boete werkt sneller dan een dwangsom." });
  stance(fine, [jan, sanne], "support", 24 * 5);
  amend(sanne, 24 * 4, { articleId: articleId(8), type: "replace", heading: "", text: "Ten minste twee tafels op elk terras zijn bereikbaar en bruikbaar voor mensen in een rolstoel.", rationale: "Eén tafel is te weinig voor een groep." });
  const april = amend(jan, 24 * 3, { articleId: articleId(12), type: "replace", heading: "", text: "Deze verordening treedt in werking op 1 mei 2027.", rationale: "Ondernemers hebben meer tijd nodig om hun terras aan te passen." });
  const june = amend(pieter, 24 * 2, { articleId: articleId(12), type: "replace", heading: "", text: "Deze verordening treedt in werking op 1 juni 2027.", rationale: "Na het voorjaar, dan is het terrasseizoen begonnen." });
  decide(april, "accept", null, 24);
  decide(june, "accept", null, 20);

  // 2. The market bylaw: consulted on, two versions, closed with its report.
  const market = must(createDraft(clerk, { title: "Verordening weekmarkt", summary: "Markttijden, standplaatsen en afval op de zaterdagmarkt.", markdown: MARKET_BYLAW, closesAt: ago(24 * 40) }, { now: ago(24 * 90) }), "draft").topicId;
  must(publishBylaw(clerk, { topicId: market }, { now: ago(24 * 88) }), "publish");
  const marketArticle = (n: number) => versionProposal(db, market)!.base.articles[n - 1]!.articleId;
  const marketAmend = (who: Actor, hoursAgo: number, input: Omit<AmendmentInput, "topicId">) => must(proposeAmendment(who, { topicId: market, ...input }, { now: ago(hoursAgo) }), "amend").amendmentId;
  must(postComment(anna, { topicId: market, partId: marketArticle(1), body: "Kan de markt eerder beginnen? Om 8 uur is het al druk." }, { now: ago(24 * 80) }), "comment");
  const later = marketAmend(anna, 24 * 80, { articleId: marketArticle(1), type: "replace", heading: "", text: "De weekmarkt wordt gehouden op zaterdag van 8.00 uur tot 18.00 uur.", rationale: "Mensen die werken kunnen dan na vijven nog langs." });
  const five = marketAmend(jan, 24 * 79, { articleId: marketArticle(2), type: "replace", heading: "", text: "Het college wijst de standplaatsen toe voor ten hoogste vijf jaar.", rationale: "Meer zekerheid voor marktkooplieden." });
  const bins = marketAmend(fatima, 24 * 78, { articleId: marketArticle(3), type: "replace", heading: "", text: "Iedere marktkoopman neemt zijn eigen afval mee en scheidt het.", rationale: "Afval scheiden is in de rest van de stad ook verplicht." });
  for (const [id, who] of [[later, [jan, fatima]], [bins, [anna]]] as const) {
    for (const w of who) must(takeAmendmentStance(w, { topicId: market, amendmentId: id, stance: "support" }, ago(24 * 70)), "stance");
  }
  must(decideAmendment(clerk, { topicId: market, amendmentId: later, decision: "accept", reason: "Past bij de openingstijden van de winkels." }, { now: ago(24 * 60) }), "decide");
  must(decideAmendment(clerk, { topicId: market, amendmentId: five, decision: "reject", reason: "De Dienstenrichtlijn staat een langere duur niet toe." }, { now: ago(24 * 60) }), "decide");
  must(decideAmendment(clerk, { topicId: market, amendmentId: bins, decision: "consider", reason: "Wordt geregeld in de afvalstoffenverordening." }, { now: ago(24 * 60) }), "decide");
  const p = versionProposal(db, market)!;
  must(publishVersion(clerk, { topicId: market, amendmentIds: p.amendmentIds, texts: {}, headings: {}, removed: new Set(), resolved: new Set(), note: "Markt tot 18.00 uur." }, { now: ago(24 * 55) }), "version");
  must(closeConsultation(clerk, { topicId: market }, { now: ago(24 * 38) }), "close");

  // 3. A draft the clerks are still writing (only they see it; they can edit it and publish it).
  must(createDraft(clerk, { title: "Verordening reclame in de openbare ruimte", summary: "Waar mogen borden, vlaggen en spandoeken staan?", markdown: ADVERTISING_DRAFT, closesAt: new Date(ctx.now.getTime() + 60 * 24 * 3_600_000) }, { now: ago(24 * 2) }), "draft");
}

const ADVERTISING_DRAFT = `Deze verordening regelt reclame op en aan de openbare weg.

## Artikel 1. Reclameborden

Een reclamebord staat niet op de vrije doorgang voor voetgangers.

## Artikel 2. Spandoeken

1. Een spandoek hangt ten hoogste veertien dagen.
2. Het college kan ontheffing verlenen voor evenementen.
`;
