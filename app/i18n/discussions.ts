// Discussion, comment and moderation strings. Keys start with "discussion.", "comment." or "moderation.".
export const nl = {
  "discussion.list.title": "Discussies",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "discussion.list.title": "Discussions",
};
