// Pure rules of search: what a person typed as terms, and the excerpt of a result with what they
// searched for marked. No database.

/** The words a person typed, without any query syntax: letters and digits only, at most twelve. */
export function searchTerms(input: string): string[] {
  return input
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 12);
}

/** A character as search compares it: lower case, without accents ("ï" is "i"), as the indexes fold it. */
function fold(character: string): string {
  return character.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * An excerpt of `text` around the first place a term occurs, also inside a word ("park" in
 * "Oosterpark"), case- and accent-insensitively, with every occurrence in it marked as `[[...]]`
 * (the page turns those into <mark>). About `width` characters, cut at spaces, with " … " where
 * text was left out. Empty when no term occurs. Done here rather than by FTS5's snippet(), which
 * re-reads and re-tokenises every row's text through the index at several milliseconds a result.
 */
export function markedExcerpt(text: string, terms: readonly string[], width = 160): string {
  // The folded text, and for each of its characters where it starts in the original.
  let folded = "";
  const origin: number[] = [];
  let at = 0;
  for (const character of text) {
    const f = fold(character);
    for (let i = 0; i < f.length; i++) origin.push(at);
    folded += f;
    at += character.length;
  }
  origin.push(text.length);
  const wanted = [...new Set(terms.map((term) => [...term].map(fold).join("")).filter((term) => term.length > 0))];
  const found: Array<[number, number]> = [];
  for (const term of wanted) {
    for (let i = folded.indexOf(term); i !== -1; i = folded.indexOf(term, i + term.length)) {
      found.push([origin[i]!, origin[i + term.length]!]);
    }
  }
  if (found.length === 0) return "";
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const first = found[0]![0];
  let start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  if (start > 0) start = text.indexOf(" ", start) === -1 || text.indexOf(" ", start) > first ? start : text.indexOf(" ", start) + 1;
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  let excerpt = start > 0 ? " … " : "";
  let cursor = start;
  for (const [from, to] of found) {
    if (from < cursor || to > end) continue;
    excerpt += `${text.slice(cursor, from)}[[${text.slice(from, to)}]]`;
    cursor = to;
  }
  excerpt += text.slice(cursor, end) + (end < text.length ? " … " : "");
  return excerpt;
}
