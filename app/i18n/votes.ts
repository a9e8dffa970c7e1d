// Vote strings. Keys start with "vote.". Not yet part of the catalog in app/i18n/index.ts: the
// vote kind adds `...votes.nl` / `...votes.en` there when its pages land.
export const nl = {
  "vote.allocation.greedy":
    "Meeste stemmen eerst: de projecten worden geordend op het aantal stemmen en in die volgorde gefinancierd. Past een project niet meer in wat er over is van het budget, dan wordt het overgeslagen en komt het volgende aan de beurt.",
  "vote.allocation.equalShares":
    "Methode van gelijke delen (Peters en Skowron): het budget wordt gelijk verdeeld over alle stemmers. Een project wordt gefinancierd als de stemmers die het kozen het samen kunnen betalen, ieder een gelijk deel of, als dat minder is, alles wat ze nog hebben.",
  "vote.allocation.equalShares.cost":
    "Elke ronde wordt het project gekozen waarvoor de voorstanders het minst hoeven te betalen per euro die het project kost.",
  "vote.allocation.equalShares.count":
    "Elke ronde wordt het project gekozen waarvoor de voorstanders ieder het minst hoeven te betalen.",
  "vote.allocation.completion.add1":
    "Blijft er geld over, dan wordt het deel van iedere stemmer steeds met één euro verhoogd en de verdeling opnieuw gemaakt, zolang de uitkomst binnen het echte budget blijft.",
  "vote.allocation.completion.greedy":
    "Wat daarna nog over is, gaat naar de projecten met de meeste stemmen die nog passen.",
  "vote.allocation.unsupported": "Een project waar niemand op stemde, wordt niet gefinancierd.",
  "vote.allocation.ties":
    "Bij gelijke stand gaat het project met de meeste stemmen voor, dan het goedkoopste, dan het laagste projectnummer.",
};

export const en: Record<keyof typeof nl, string> = {
  "vote.allocation.greedy":
    "Most votes first: projects are ranked by their number of votes and funded in that order. A project that no longer fits in what is left of the budget is skipped and the next one is tried.",
  "vote.allocation.equalShares":
    "Method of Equal Shares (Peters and Skowron): the budget is divided equally among all voters. A project is funded when the voters who chose it can pay for it together, each paying an equal part or, if that is less, all they have left.",
  "vote.allocation.equalShares.cost":
    "Each round, the project chosen is the one for which its supporters pay the least per euro it costs.",
  "vote.allocation.equalShares.count": "Each round, the project chosen is the one for which each of its supporters pays the least.",
  "vote.allocation.completion.add1":
    "If money is left over, every voter's share is raised by one euro at a time and the allocation is made again, as long as the outcome stays within the real budget.",
  "vote.allocation.completion.greedy": "Whatever is still left then goes to the projects with the most votes that still fit.",
  "vote.allocation.unsupported": "A project nobody voted for is not funded.",
  "vote.allocation.ties":
    "In a tie, the project with more votes goes first, then the cheaper one, then the lower project number.",
};

export type VoteMessageKey = keyof typeof nl;
