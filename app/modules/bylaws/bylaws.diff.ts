// Word diffs, merging accepted amendments and comparing versions: pure, on jsdiff (the `diff`
// package), never a diff of our own. Client-safe.
import { diffWords, diffWordsWithSpace } from "diff";
import type { AmendmentType, VersionArticle } from "#db/schema/bylaws.constants";

/** A run of text that both have, that only the new text has, or that only the old text had. */
export interface Segment {
  op: "same" | "ins" | "del";
  text: string;
}

/**
 * The word-level change from one text to another, as people read it: words and punctuation are
 * compared, whitespace is not (a re-wrapped line is no change), and moved text shows as deleted
 * where it was and inserted where it went.
 */
export function wordDiff(from: string, to: string): Segment[] {
  const out: Segment[] = [];
  for (const change of diffWords(from, to)) {
    const op = change.added ? "ins" : change.removed ? "del" : "same";
    const last = out.at(-1);
    if (last && last.op === op) last.text += change.value;
    else out.push({ op, text: change.value });
  }
  return out;
}

/** Whether two texts differ in more than whitespace. */
export const differs = (a: string, b: string): boolean => a.replace(/\s+/g, " ").trim() !== b.replace(/\s+/g, " ").trim();

/** One change to the base text: the characters [from, to) replaced by `insert` (from === to: an insertion). */
interface Hunk {
  from: number;
  to: number;
  insert: string;
  amendmentId: number;
}

/** The changes an amendment makes to the base text, by position in the base (whitespace counts: they must apply exactly). */
function hunks(base: string, text: string, amendmentId: number): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let open: Hunk | null = null;
  for (const change of diffWordsWithSpace(base, text)) {
    if (!change.added && !change.removed) {
      if (open) out.push(open);
      open = null;
      at += change.value.length;
      continue;
    }
    open ??= { from: at, to: at, insert: "", amendmentId };
    if (change.removed) {
      at += change.value.length;
      open.to = at;
    } else open.insert += change.value;
  }
  if (open) out.push(open);
  return out;
}

/** Two changes touch the same words (or insert at the same place): neither may silently win. */
const overlaps = (a: Hunk, b: Hunk): boolean => a.from <= b.to && b.from <= a.to && !(a.from === b.from && a.to === b.to && a.insert === b.insert);

export interface AcceptedAmendment {
  id: number;
  type: AmendmentType;
  heading: string;
  text: string;
}

export type ArticleMerge =
  | { state: "unchanged"; text: string }
  | { state: "merged"; text: string; amendmentIds: number[] }
  | { state: "deleted"; amendmentIds: number[] }
  | { state: "conflict"; text: string; amendmentIds: number[]; pairs: Array<[number, number]> };

/**
 * Merges the accepted amendments to one article's text. Replacements that change different words
 * all apply; two that change the same words, or a deletion beside any replacement, are a conflict:
 * the base text is kept and the clerk decides. Identical proposals are one change.
 */
export function mergeArticle(base: string, accepted: readonly AcceptedAmendment[]): ArticleMerge {
  const replacing = accepted.filter((a) => a.type === "replace");
  const deleting = accepted.filter((a) => a.type === "delete");
  if (deleting.length > 0 && replacing.length > 0) {
    const pairs = deleting.flatMap((d) => replacing.map((r): [number, number] => [Math.min(d.id, r.id), Math.max(d.id, r.id)]));
    return { state: "conflict", text: base, amendmentIds: [...deleting, ...replacing].map((a) => a.id).sort((x, y) => x - y), pairs };
  }
  if (deleting.length > 0) return { state: "deleted", amendmentIds: deleting.map((a) => a.id) };
  if (replacing.length === 0) return { state: "unchanged", text: base };
  const all = replacing.flatMap((a) => hunks(base, a.text, a.id));
  const pairs = new Map<string, [number, number]>();
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.amendmentId !== b.amendmentId && overlaps(a, b)) {
        const pair: [number, number] = [Math.min(a.amendmentId, b.amendmentId), Math.max(a.amendmentId, b.amendmentId)];
        pairs.set(pair.join(":"), pair);
      }
    }
  }
  const ids = replacing.map((a) => a.id).sort((x, y) => x - y);
  if (pairs.size > 0) return { state: "conflict", text: base, amendmentIds: ids, pairs: [...pairs.values()] };
  // Apply from the end, so earlier positions stay right; identical hunks of two amendments apply once.
  const distinct = [...new Map(all.map((h) => [`${h.from}:${h.to}:${h.insert}`, h])).values()].sort((a, b) => b.from - a.from || b.to - a.to);
  let text = base;
  for (const h of distinct) text = text.slice(0, h.from) + h.insert + text.slice(h.to);
  return { state: "merged", text, amendmentIds: ids };
}

/** An article of the proposed next version: kept, changed, new (from an amendment) or taken out. */
export interface ProposedArticle {
  /** The article's id, or "new-<amendmentId>" for an article an amendment adds. */
  key: string;
  articleId: number | null;
  heading: string;
  base: string;
  merge: ArticleMerge;
  /** The amendment that adds it, for a new article. */
  fromAmendment: number | null;
}

/**
 * The next version as the accepted amendments make it: each article merged, the new articles after
 * the one they follow (in the order they were proposed), and what conflicts. The clerk edits this
 * before publishing it.
 */
export function consolidate(articles: readonly VersionArticle[], accepted: ReadonlyArray<AcceptedAmendment & { articleId: number }>): ProposedArticle[] {
  const out: ProposedArticle[] = [];
  for (const article of articles) {
    const own = accepted.filter((a) => a.articleId === article.articleId);
    out.push({ key: String(article.articleId), articleId: article.articleId, heading: article.heading, base: article.body, merge: mergeArticle(article.body, own), fromAmendment: null });
    for (const added of own.filter((a) => a.type === "insert-after").sort((a, b) => a.id - b.id)) {
      out.push({ key: `new-${added.id}`, articleId: null, heading: added.heading, base: "", merge: { state: "merged", text: added.text, amendmentIds: [added.id] }, fromAmendment: added.id });
    }
  }
  return out;
}

export interface ComparedArticle {
  articleId: number;
  /** Its number in the older and the newer version (null where it is not there). */
  numberFrom: number | null;
  numberTo: number | null;
  change: "same" | "changed" | "added" | "removed";
  heading: Segment[];
  body: Segment[];
}

/**
 * Two versions article by article, matched by the article's identity (so a renumbered article is
 * still itself): in the newer version's order, an article that was taken out right after the one
 * it followed.
 */
export function compareVersions(from: readonly VersionArticle[], to: readonly VersionArticle[]): ComparedArticle[] {
  const fromIndex = new Map(from.map((a, i) => [a.articleId, i]));
  const toIds = new Set(to.map((a) => a.articleId));
  const rows: ComparedArticle[] = [];
  const removedAfter = new Map<number | null, VersionArticle[]>();
  let previous: number | null = null;
  for (const a of from) {
    if (!toIds.has(a.articleId)) removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), a]);
    else previous = a.articleId;
  }
  const removed = (after: number | null) => {
    for (const a of removedAfter.get(after) ?? []) {
      rows.push({ articleId: a.articleId, numberFrom: fromIndex.get(a.articleId)! + 1, numberTo: null, change: "removed", heading: [{ op: "del", text: a.heading }], body: [{ op: "del", text: a.body }] });
    }
  };
  removed(null);
  for (const [i, a] of to.entries()) {
    const before = fromIndex.has(a.articleId) ? from[fromIndex.get(a.articleId)!]! : null;
    if (!before) {
      rows.push({ articleId: a.articleId, numberFrom: null, numberTo: i + 1, change: "added", heading: [{ op: "ins", text: a.heading }], body: [{ op: "ins", text: a.body }] });
    } else {
      const same = !differs(before.heading, a.heading) && !differs(before.body, a.body);
      rows.push({
        articleId: a.articleId, numberFrom: fromIndex.get(a.articleId)! + 1, numberTo: i + 1, change: same ? "same" : "changed",
        heading: same ? [{ op: "same", text: a.heading }] : wordDiff(before.heading, a.heading),
        body: same ? [{ op: "same", text: a.body }] : wordDiff(before.body, a.body),
      });
    }
    if (before) removed(a.articleId);
  }
  return rows;
}
