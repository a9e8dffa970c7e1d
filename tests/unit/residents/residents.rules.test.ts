import { describe, expect, it } from "vitest";
import {
  formatLetterCode,
  LETTER_CODE_ALPHABET,
  letterCodeState,
  MAX_LETTER_ADDRESSES,
  normaliseLetterCode,
  parseBirthDate,
  readAddressList,
} from "~/modules/residents/residents.rules";

describe("letter codes", () => {
  it("print in groups of four and read back however they are typed", () => {
    expect(formatLetterCode("ABCDEFGHJKLM")).toBe("ABCD-EFGH-JKLM");
    for (const typed of ["ABCD-EFGH-JKLM", "abcd efgh jklm", " abcdefghjklm ", "AbCd--EfGh-JkLm"]) expect(normaliseLetterCode(typed)).toBe("ABCDEFGHJKLM");
  });

  it("refuse what can never be a code: wrong length, or characters that are never printed", () => {
    expect(LETTER_CODE_ALPHABET).not.toMatch(/[IO01]/);
    for (const typed of ["", "ABCD-EFGH-JKL", "ABCD-EFGH-JKLMN", "ABCD-EFGH-JKL0", "ABCD-EFGH-JKLI", "ABCD-EFGH-JKL!", "ÀBCD-EFGH-JKLM"]) {
      expect(normaliseLetterCode(typed), typed).toBeNull();
    }
  });

  it("are usable until they expire, and stay used once used", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const later = new Date("2026-12-08T12:00:00Z");
    const earlier = new Date("2026-12-06T12:00:00Z");
    expect(letterCodeState({ usedAt: null, expiresAt: later }, now)).toBe("usable");
    expect(letterCodeState({ usedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(letterCodeState({ usedAt: earlier, expiresAt: earlier }, now)).toBe("used");
  });
});

describe("the address list for a mailing", () => {
  const inTown = (postcode: string) => postcode.startsWith("99");

  it("finds each line's postcode, however it is written, and keeps the line as given", () => {
    const read = readAddressList("Stadhuisplein 1; 9901 AB; Voorbeeldstad\n\n  Kerkstraat 12a,9912cd,Voorbeeldstad  \r\nDorpsweg 3 9920XY", inTown);
    expect(read).toEqual({
      ok: true,
      addresses: [
        { line: "Stadhuisplein 1; 9901 AB; Voorbeeldstad", postcode: "9901AB" },
        { line: "Kerkstraat 12a,9912cd,Voorbeeldstad", postcode: "9912CD" },
        { line: "Dorpsweg 3 9920XY", postcode: "9920XY" },
      ],
    });
  });

  it("names every line with a problem by its number, and makes nothing then", () => {
    const read = readAddressList("Stadhuisplein 1; 9901 AB\nKerkstraat 12\nDamrak 1; 1012 LG; Amsterdam\n" + "x".repeat(301) + " 9901AB", inTown);
    expect(read).toEqual({
      ok: false,
      problems: [
        { line: 2, problem: "no-postcode" },
        { line: 3, problem: "outside-municipality" },
        { line: 4, problem: "too-long" },
      ],
    });
  });

  it("does not take a house number or a year for a postcode", () => {
    expect(readAddressList("Laan 12345 AB", inTown)).toEqual({ ok: false, problems: [{ line: 1, problem: "no-postcode" }] });
    expect(readAddressList("Postbus 0123 AB", inTown)).toEqual({ ok: false, problems: [{ line: 1, problem: "no-postcode" }] });
  });

  it("holds at most one batch", () => {
    expect(readAddressList(Array.from({ length: MAX_LETTER_ADDRESSES + 1 }, (_, i) => `Straat ${i} 9901AB`).join("\n"), inTown)).toEqual({ ok: false, tooMany: true });
    expect(readAddressList(Array.from({ length: MAX_LETTER_ADDRESSES }, (_, i) => `Straat ${i} 9901AB`).join("\n"), inTown).ok).toBe(true);
  });
});

describe("a date of birth", () => {
  const today = "2026-12-07";

  it("is read from a date field or as typed in Dutch order", () => {
    expect(parseBirthDate("1984-05-17", today)).toBe("1984-05-17");
    expect(parseBirthDate("17-05-1984", today)).toBe("1984-05-17");
    expect(parseBirthDate("7/5/1984", today)).toBe("1984-05-07");
    expect(parseBirthDate(" 17.5.1984 ", today)).toBe("1984-05-17");
  });

  it("must be a real day, not in the future and not more than 125 years ago", () => {
    for (const typed of ["1984-02-30", "31-04-1984", "2026-12-08", "1900-12-07", "05-17-1984", "1984", "", "gisteren"]) {
      expect(parseBirthDate(typed, today), typed).toBeNull();
    }
    expect(parseBirthDate("2026-12-07", today)).toBe("2026-12-07");
    expect(parseBirthDate("1900-12-08", today)).toBe("1900-12-08");
  });
});
