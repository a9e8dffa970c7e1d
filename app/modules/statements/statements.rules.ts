// The public statements the law asks for (privacy, accessibility): the app writes a default from the
// settings; an admin may replace it per language. A text equal to the default is not a replacement,
// so the default keeps following the settings (municipality name, retention, contacts).

export const STATEMENTS = ["privacy", "accessibility"] as const;
export type Statement = (typeof STATEMENTS)[number];

export function isStatement(value: unknown): value is Statement {
  return STATEMENTS.includes(value as Statement);
}

/** Line endings as a textarea sends them (CRLF) or a file has them (LF) compare equal. */
export function normaliseStatementText(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** What to store for a submitted text: null (use the default) when it is empty or the default itself. */
export function statementOverride(submitted: string, defaultText: string): string | null {
  const text = normaliseStatementText(submitted);
  if (text === "" || text === normaliseStatementText(defaultText)) return null;
  return text;
}
