// Petition strings. Keys start with "petition.".
export const nl = {
  "petition.list.title": "Petities",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "petition.list.title": "Petitions",
};
