// The demo municipality's votes: an open poll, an open participatory budget, a closed poll and a
// closed budget whose results differ visibly between the two rules. Written through the use cases, so counts,
// timelines, outcomes and notices are consistent.
import { userRoles, users } from "#db/schema";
import type { KindSeedContext } from "~/modules/topics/topics.kinds.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { castBallotTx, newBallotCode } from "./votes.ballots.server";
import { closeVote, tellVotersBatch } from "./votes.closing.server";
import { createVote, listOptions } from "./votes.server";
import type { VoteSetupInput } from "./votes.schema";

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`seeding votes: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const option = (title: string, description: string, cost: number | null = null) => ({ title, description, cost, imageUrl: null, imageAlt: null, linkedTopicId: null });

/** Residents of the demo who voted in last spring's budget; they have no email and cannot sign in. */
const VOTERS = 30;

export function seedVotes(ctx: KindSeedContext): void {
  const day = 86_400_000;
  const at = (days: number) => new Date(ctx.now.getTime() + days * day);
  const clerk: Actor = { id: ctx.accounts.clerk, roles: ["resident", "clerk"], emailVerified: true, blocked: false };
  const common = { eligibleWho: "confirmed-accounts", minimumAge: undefined, neighbourhoodId: undefined, maxChoices: undefined, budget: undefined, minProjects: undefined, maxProjects: undefined, allocationRule: "equalshares/add1" } as const;

  must(
    createVote(clerk, {
      ...common,
      title: "Welke naam krijgt het nieuwe park aan de Havenkade?",
      body: "Het braakliggende terrein aan de Havenkade wordt een park. De gemeenteraad laat de inwoners kiezen uit de drie namen die het vaakst werden voorgesteld.",
      ballotType: "single",
      opensAt: at(-2),
      closesAt: at(12),
      resultsShown: "after-closing",
      options: [option("Havenpark", "Naar de kade waaraan het ligt."), option("Sluiswachterstuin", "Naar het oude sluiswachtershuisje op het terrein."), option("Park De Kraan", "Naar de havenkraan die blijft staan.")],
    } as VoteSetupInput, { now: at(-3) }),
    "open poll",
  );

  must(
    createVote(clerk, {
      ...common,
      title: "Burgerbegroting Centrum 2027: waar gaat € 200.000 naartoe?",
      body: "Inwoners van Voorbeeldstad verdelen € 200.000 over projecten die zij zelf hebben aangedragen. Kies de projecten die u wilt; samen mogen ze niet meer kosten dan het budget.",
      ballotType: "budget",
      budget: 200_000,
      maxProjects: 5,
      allocationRule: "equalshares/add1",
      opensAt: at(-1),
      closesAt: at(20),
      resultsShown: "after-closing",
      options: [
        option("Speeltuin Molenplein", "Nieuwe toestellen en een rubberen ondergrond.", 80_000),
        option("Bankjes langs de singel", "Twintig bankjes met rugleuning.", 25_000),
        option("Moestuin bij de bibliotheek", "Bakken, gereedschap en een waterpunt.", 30_000),
        option("Fietsenstalling station", "Overdekt, voor 150 fietsen.", 90_000),
        option("Bomen in de Kerkstraat", "Twaalf bomen met plantvakken.", 45_000),
      ],
    } as VoteSetupInput, { now: at(-2) }),
    "open budget",
  );

  // Last spring's budget: one large group wanted the three projects on the west side, a smaller
  // group two in the east. Most votes first funds the west's three; equal shares gives the east
  // its share of the money.
  const closed = must(
    createVote(clerk, {
      ...common,
      title: "Burgerbegroting 2026: € 100.000 voor de wijken",
      body: "Deze stemming is gesloten. De uitslag staat hieronder, met beide verdeelregels naast elkaar.",
      ballotType: "budget",
      budget: 100_000,
      allocationRule: "equalshares/add1",
      opensAt: at(-60),
      closesAt: at(-30),
      resultsShown: "after-closing",
      options: [
        option("Skatebaan West", "Een betonnen skatebaan bij het sportpark.", 50_000),
        option("Verlichting wandelpad West", "Lantaarns langs het pad naar het station.", 30_000),
        option("Buurtbibliotheek West", "Een kast met boeken in het buurthuis.", 20_000),
        option("Speelveld Oost", "Een trapveldje met doeltjes.", 40_000),
        option("Geveltuinen Oost", "Geveltuinen voor de hele straat.", 20_000),
      ],
    } as VoteSetupInput, { now: at(-61) }),
    "closed budget",
  );
  db.transaction((tx) => {
    const ids = listOptions(tx, closed.topicId).map((o) => o.id);
    for (let i = 0; i < VOTERS; i++) {
      const id = `demo-voter-${i + 1}`;
      tx.insert(users).values({ id, displayName: `Stemmer ${i + 1}`, locale: "nl", emailVerifiedAt: at(-300), createdAt: at(-300), postcode: i < 18 ? "9922AB" : "9912AB" }).onConflictDoNothing().run();
      tx.insert(userRoles).values({ userId: id, role: "resident" }).onConflictDoNothing().run();
      const voter: Actor = { id, roles: ["resident"], emailVerified: true, blocked: false };
      const chosen = i < 18 ? [ids[0]!, ids[1]!, ids[2]!] : [ids[3]!, ids[4]!];
      must(castBallotTx(tx, voter, { topicId: closed.topicId, code: newBallotCode(), optionIds: chosen }, at(-45)), "a demo ballot");
    }
  });
  // Last autumn's poll on the market day, with the same residents: most chose Saturday.
  const poll = must(
    createVote(clerk, {
      ...common,
      title: "Op welke dag komt de weekmarkt op het Stationsplein?",
      body: "Deze stemming is gesloten. De markt komt op de dag die de meeste stemmen kreeg.",
      ballotType: "single",
      opensAt: at(-90),
      closesAt: at(-75),
      resultsShown: "live",
      options: [option("Woensdag", "Van 9 tot 13 uur."), option("Vrijdag", "Van 12 tot 17 uur."), option("Zaterdag", "Van 9 tot 16 uur.")],
    } as VoteSetupInput, { now: at(-91) }),
    "closed poll",
  );
  db.transaction((tx) => {
    const [wednesday, friday, saturday] = listOptions(tx, poll.topicId).map((o) => o.id) as [number, number, number];
    for (let i = 0; i < VOTERS; i++) {
      const voter: Actor = { id: `demo-voter-${i + 1}`, roles: ["resident"], emailVerified: true, blocked: false };
      // Fifteen for Saturday, nine for Wednesday, six for Friday.
      const chosen = i % 10 < 5 ? saturday : i % 10 < 8 ? wednesday : friday;
      must(castBallotTx(tx, voter, { topicId: poll.topicId, code: newBallotCode(), optionIds: [chosen] }, at(-80)), "a demo poll ballot");
    }
  });
  closeVote(poll.topicId, ctx.now);
  closeVote(closed.topicId, ctx.now);
  while (tellVotersBatch(ctx.now) !== null);
}
