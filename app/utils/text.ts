// What typed text may contain, decided in one place: parseForm (app/utils/forms.server.ts) runs
// every form value through normaliseText, and name and title fields through stripBidiControls.
// Pure and client-safe.

// C0 controls except tab (9) and newline (10), DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, ...),
// and U+FFFD, which is what a lone surrogate or another undecodable byte in a posted form becomes.
const NONCHARACTERS = /[\uFDD0-\uFDEF\uFFFD\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;
/**
 * Bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
 * (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). In a name or a title they reverse or
 * reorder the text shown after it wherever it appears (issue #9 point 3).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * Text as it may be stored: Unicode NFC; line breaks as "\n" (a browser sends "\r\n" from a
 * textarea); no control characters but tab and newline; no lone surrogates; no noncharacters and
 * no U+FFFD (the decoder's stand-in for bytes that were not text).
 */
export function normaliseText(value: string): string {
  return value
    .replace(LONE_SURROGATES, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "")
    .replace(NONCHARACTERS, "")
    .normalize("NFC");
}

/** A name or a title without bidirectional formatting characters. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}

/** Whether text contains a bidirectional formatting character. */
export function hasBidiControls(value: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  const found = BIDI_CONTROLS.test(value);
  BIDI_CONTROLS.lastIndex = 0;
  return found;
}

/**
 * User text set inside a sentence that is a plain string (a toast, an inbox line): wrapped in
 * FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, the text equivalent of <bdi>, so its direction
 * cannot spill into the words around it.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}
