// Open data: the page that lists what each kind of topic publishes, and the refusals of the data
// routes. Keys start with "openData.".
export const nl = {
  "openData.title": "Open data: openbare gegevens",
  "openData.intro":
    "Alles wat openbaar is over petities, discussies en de andere onderwerpen, als open data: status, datums, aantallen en de drempels. Zonder namen, zonder verborgen tekst en zonder wie iets steunde. U mag het vrij hergebruiken (CC0).",
  "openData.paging":
    "De JSON geeft 100 onderwerpen per keer (met limit tot 1.000); het adres van de volgende bladzijde staat in next. De CSV bevat alles in één bestand.",
  "openData.caption": "Open data per soort onderwerp",
  "openData.apiLink": "Voor programma's: de open API, met tijdlijnen, uitkomsten, vergaderingen en aantallen",
  "openData.kind": "Soort",
  "openData.json": "JSON, per bladzijde",
  "openData.csv": "CSV, alles",
  "openData.fields": "Velden",
  "openData.jsonLink": "{kind} als JSON",
  "openData.csvLink": "{kind} als CSV",
  "openData.problem.title": "Deze vraag om open data kunnen we niet beantwoorden",
  "openData.problem.kind": "Deze soort onderwerp bestaat niet.",
  "openData.problem.unknownParam": "De parameter {param} kennen we niet. Gebruik format, after of limit.",
  "openData.problem.format": "Kies format=json of format=csv.",
  "openData.problem.csvWhole": "De CSV bevat alles in één bestand: laat {param} weg.",
  "openData.problem.after": "after moet het nummer van een onderwerp zijn (een heel getal).",
  "openData.problem.limit": "limit moet een heel getal van 1 tot en met 1.000 zijn.",
};

export const en: Record<keyof typeof nl, string> = {
  "openData.title": "Open data",
  "openData.intro":
    "Everything public about petitions, discussions and the other topics, as open data: status, dates, counts and thresholds. Without names, without hidden text and without who supported what. You may reuse it freely (CC0).",
  "openData.paging":
    "The JSON gives 100 topics at a time (with limit up to 1,000); the address of the next page is in next. The CSV holds everything in one file.",
  "openData.caption": "Open data per kind of topic",
  "openData.apiLink": "For programs: the open API, with timelines, outcomes, meetings and counts",
  "openData.kind": "Kind",
  "openData.json": "JSON, page by page",
  "openData.csv": "CSV, everything",
  "openData.fields": "Fields",
  "openData.jsonLink": "{kind} as JSON",
  "openData.csvLink": "{kind} as CSV",
  "openData.problem.title": "We cannot answer this request for open data",
  "openData.problem.kind": "This kind of topic does not exist.",
  "openData.problem.unknownParam": "We do not know the parameter {param}. Use format, after or limit.",
  "openData.problem.format": "Choose format=json or format=csv.",
  "openData.problem.csvWhole": "The CSV holds everything in one file: leave out {param}.",
  "openData.problem.after": "after must be the number of a topic (a whole number).",
  "openData.problem.limit": "limit must be a whole number from 1 to 1,000.",
};
