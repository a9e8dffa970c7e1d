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
  "vote.pabulib.lineError": "Regel {line}: {message}",
  "vote.pabulib.error.too-large": "Het bestand is te groot (meer dan {max} MB).",
  "vote.pabulib.error.not-text": "Dit is geen tekstbestand. Kies een .pb-bestand (tekst in UTF-8).",
  "vote.pabulib.error.unclosed-quote": "een aanhalingsteken wordt geopend maar niet gesloten.",
  "vote.pabulib.error.outside-section": "deze regel staat vóór de sectie META. Een .pb-bestand begint met META.",
  "vote.pabulib.error.section-order": "de sectie {detail} staat op de verkeerde plaats. De volgorde is META, PROJECTS, VOTES.",
  "vote.pabulib.error.missing-section": "de sectie {detail} ontbreekt.",
  "vote.pabulib.error.missing-column": "de kolom ‘{detail}’ ontbreekt in de kopregel.",
  "vote.pabulib.error.missing-field": "het veld ‘{detail}’ ontbreekt of is leeg.",
  "vote.pabulib.error.budget-missing": "in META staat geen budget (budget;bedrag).",
  "vote.pabulib.error.budget-not-a-number": "het budget ‘{detail}’ is geen heel bedrag.",
  "vote.pabulib.error.unsupported-vote-type": "het soort stemming ‘{detail}’ kan niet worden ingelezen; alleen ‘approval’ (projecten aankruisen).",
  "vote.pabulib.error.count-mismatch": "{detail} klopt niet met het aantal regels in het bestand. Is het bestand volledig?",
  "vote.pabulib.error.cost-not-a-number": "de kosten ‘{detail}’ zijn geen heel bedrag groter dan nul.",
  "vote.pabulib.error.selected-not-a-number": "‘selected’ moet 0 of 1 zijn, niet ‘{detail}’.",
  "vote.pabulib.error.duplicate-key": "de sleutel ‘{detail}’ staat twee keer in META.",
  "vote.pabulib.error.duplicate-project": "projectnummer {detail} komt twee keer voor.",
  "vote.pabulib.error.duplicate-voter": "stemmer {detail} komt twee keer voor.",
  "vote.pabulib.error.unknown-project": "de stem noemt project {detail}, dat niet in PROJECTS staat.",
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
  "vote.pabulib.lineError": "Line {line}: {message}",
  "vote.pabulib.error.too-large": "The file is too large (more than {max} MB).",
  "vote.pabulib.error.not-text": "This is not a text file. Choose a .pb file (UTF-8 text).",
  "vote.pabulib.error.unclosed-quote": "a quotation mark is opened but not closed.",
  "vote.pabulib.error.outside-section": "this line comes before the META section. A .pb file starts with META.",
  "vote.pabulib.error.section-order": "the {detail} section is in the wrong place. The order is META, PROJECTS, VOTES.",
  "vote.pabulib.error.missing-section": "the {detail} section is missing.",
  "vote.pabulib.error.missing-column": "the header has no ‘{detail}’ column.",
  "vote.pabulib.error.missing-field": "the field ‘{detail}’ is missing or empty.",
  "vote.pabulib.error.budget-missing": "META has no budget (budget;amount).",
  "vote.pabulib.error.budget-not-a-number": "the budget ‘{detail}’ is not a whole amount.",
  "vote.pabulib.error.unsupported-vote-type": "votes of type ‘{detail}’ cannot be read; only ‘approval’ (ticking projects).",
  "vote.pabulib.error.count-mismatch": "{detail} does not match the number of lines in the file. Is the file complete?",
  "vote.pabulib.error.cost-not-a-number": "the cost ‘{detail}’ is not a whole amount above zero.",
  "vote.pabulib.error.selected-not-a-number": "‘selected’ must be 0 or 1, not ‘{detail}’.",
  "vote.pabulib.error.duplicate-key": "the key ‘{detail}’ appears twice in META.",
  "vote.pabulib.error.duplicate-project": "project number {detail} appears twice.",
  "vote.pabulib.error.duplicate-voter": "voter {detail} appears twice.",
  "vote.pabulib.error.unknown-project": "the vote names project {detail}, which is not in PROJECTS.",
};

export type VoteMessageKey = keyof typeof nl;
