import { describe, expect, it } from "vitest";
import { hasBidiControls, isolate, normaliseText, stripBidiControls } from "~/utils/text";

describe("normaliseText", () => {
  it("leaves nothing of a comment made only of control characters, noncharacters and a lone surrogate", () => {
    expect(normaliseText("\u0000\u0001\uFFFF\uD800").trim()).toBe("");
    expect(normaliseText("\u0007\u001b[31m\u0085\u009b")).toBe("[31m");
  });

  it("keeps tab and newline, turns CRLF into newline, keeps whole surrogate pairs (emoji)", () => {
    expect(normaliseText("a\tb\r\nc\rd\n")).toBe("a\tb\nc\nd\n");
    expect(normaliseText("park 🌳 \uDC00x")).toBe("park 🌳 x");
  });

  it("composes to NFC, so one word is stored one way", () => {
    expect(normaliseText("Cafe\u0301")).toBe("Café");
    expect(normaliseText("Cafe\u0301").length).toBe(4);
  });
});

describe("names and titles", () => {
  it("lose their bidirectional controls (a U+202E cannot reverse what follows)", () => {
    const spoof = "Jan\u202E nimda\u202C \u2066x\u2069\u200F";
    expect(hasBidiControls(spoof)).toBe(true);
    expect(stripBidiControls(spoof)).toBe("Jan nimda x");
    expect(hasBidiControls(stripBidiControls(spoof))).toBe(false);
  });

  it("keep right-to-left letters themselves", () => {
    expect(stripBidiControls("مرحبا Jan")).toBe("مرحبا Jan");
  });

  it("are isolated in a sentence with FSI ... PDI", () => {
    expect(isolate("nimda")).toBe("\u2068nimda\u2069");
  });
});
