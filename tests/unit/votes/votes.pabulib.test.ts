import { describe, expect, it } from "vitest";
import { allocateByRule, allocateEqualShares, type AllocationRule } from "~/modules/votes/allocation.rules";
import { pabulibElection, pabulibErrorMessage, pabulibFromOutcome, readPabulib, writePabulib, type PabulibInstance } from "~/modules/votes/votes.pabulib";
import { benchElection } from "../../bench/budget";

function read(text: string | Uint8Array, options?: { maxBytes?: number }): PabulibInstance {
  const result = readPabulib(text, options);
  if (!result.ok) throw new Error(`refused: ${result.reason} on line ${result.line} (${result.detail})`);
  return result.instance;
}

// In the shape pabulib.org publishes: extra META keys, extra project and vote columns.
const sample = [
  "META",
  "key;value",
  "description;Burgerbegroting Voorbeeldstad 2026",
  "country;Netherlands",
  "unit;Voorbeeldstad",
  "num_projects;4",
  "num_votes;5",
  "budget;100000",
  "vote_type;approval",
  "rule;greedy",
  "PROJECTS",
  "project_id;cost;votes;name;category;selected",
  '1;60000;3;"Speeltuin; Oost";kinderen;1',
  "2;50000;3;Bankjes in het park;groen;0",
  '3;40000;2;"Het ""groene"" plein";groen;1',
  "4;120000;0;Nieuwe brug;verkeer;0",
  "VOTES",
  "voter_id;age;sex;vote",
  "a1;34;F;1,2",
  "a2;51;M;1,2",
  "a3;;;1,3",
  "a4;19;F;2,3",
  "a5;70;M;",
].join("\n");

describe("reading a .pb file", () => {
  it("reads META, PROJECTS and VOTES, quoted fields and extra columns", () => {
    const instance = read(sample);
    expect(instance.budget).toBe(100000);
    expect(instance.meta).toEqual({ description: "Burgerbegroting Voorbeeldstad 2026", country: "Netherlands", unit: "Voorbeeldstad", rule: "greedy" });
    expect(instance.projects).toEqual([
      { id: "1", cost: 60000, name: "Speeltuin; Oost", selected: true },
      { id: "2", cost: 50000, name: "Bankjes in het park", selected: false },
      { id: "3", cost: 40000, name: 'Het "groene" plein', selected: true },
      { id: "4", cost: 120000, name: "Nieuwe brug", selected: false },
    ]);
    expect(instance.ballots).toEqual([
      { voterId: "a1", approvals: ["1", "2"] },
      { voterId: "a2", approvals: ["1", "2"] },
      { voterId: "a3", approvals: ["1", "3"] },
      { voterId: "a4", approvals: ["2", "3"] },
      { voterId: "a5", approvals: [] },
    ]);
  });

  it("reads CRLF line ends, a byte order mark, blank lines and bytes the same as LF text", () => {
    const crlf = `\ufeff${sample.replace(/\n/g, "\r\n")}\r\n\r\n`;
    expect(read(crlf)).toEqual(read(sample));
    expect(read(new TextEncoder().encode(crlf))).toEqual(read(sample));
  });

  it("accepts section names in any case, spaces around fields and costs written as 1500.00", () => {
    const text = sample.replace("PROJECTS", "projects").replace("2;50000;", " 2 ; 50000.00 ;");
    expect(read(text).projects[1]).toEqual({ id: "2", cost: 50000, name: "Bankjes in het park", selected: false });
  });

  it("reads a quoted field with escaped quotes and a semicolon", () => {
    expect(read(sample).projects[2]!.name).toBe('Het "groene" plein');
  });
});

describe("refusing what it cannot read, with the line", () => {
  const lines = sample.split("\n");
  const withLine = (lineNumber: number, text: string) => lines.map((l, i) => (i === lineNumber - 1 ? text : l)).join("\n");

  it.each([
    ["a cost that is not a number", withLine(13, "1;zestigduizend;3;Speeltuin;kinderen;1"), "cost-not-a-number", 13, "zestigduizend"],
    ["a cost with a decimal comma", withLine(14, "2;500,50;3;Bankjes;groen;0"), "cost-not-a-number", 14, "500,50"],
    ["a cost of nothing", withLine(14, "2;0;3;Bankjes;groen;0"), "cost-not-a-number", 14, "0"],
    ["an unknown project in a vote", withLine(22, "a4;19;F;2,7"), "unknown-project", 22, "7"],
    ["a voter twice", withLine(22, "a1;19;F;2,3"), "duplicate-voter", 22, "a1"],
    ["a project twice", withLine(14, "1;50000;3;Bankjes;groen;0"), "duplicate-project", 14, "1"],
    ["a budget that is not a number", withLine(8, "budget;honderdduizend"), "budget-not-a-number", 8, "honderdduizend"],
    ["no budget", withLine(8, "currency;EUR"), "budget-missing", 1, undefined],
    ["ranked ballots", withLine(9, "vote_type;ordinal"), "unsupported-vote-type", 9, "ordinal"],
    ["a count that does not match", withLine(7, "num_votes;6"), "count-mismatch", 7, "num_votes"],
    ["a projects header without cost", withLine(12, "project_id;price;name"), "missing-column", 12, "cost"],
    ["a votes header without vote", withLine(18, "voter_id;age;sex;ballot"), "missing-column", 18, "vote"],
    ["a row short of the vote column", withLine(22, "a4;19"), "missing-field", 22, "vote"],
    ["a selected mark that is not a number", withLine(15, '3;40000;2;"Plein";groen;ja'), "selected-not-a-number", 15, "ja"],
    ["an unclosed quote", withLine(14, '2;50000;3;"Bankjes;groen;0'), "unclosed-quote", 14, undefined],
    ["VOTES before PROJECTS", withLine(11, "VOTES"), "section-order", 11, "VOTES"],
    ["no VOTES", lines.slice(0, 16).join("\n"), "missing-section", 16, "VOTES"],
    ["rows before META", `hallo;wereld\n${sample}`, "outside-section", 1, undefined],
    ["a META key twice", withLine(4, "description;nog eens"), "duplicate-key", 4, "description"],
  ])("%s", (_, text, reason, line, detail) => {
    const result = readPabulib(text);
    expect(result).toEqual({ ok: false, reason, line, ...(detail !== undefined ? { detail } : {}) });
  });

  it("refuses a file that is not text: invalid UTF-8 or binary bytes", () => {
    expect(readPabulib(new Uint8Array([0x4d, 0x45, 0x54, 0x41, 0x0a, 0xff, 0xfe, 0x00]))).toEqual({ ok: false, reason: "not-text", line: null });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(readPabulib(png)).toMatchObject({ ok: false, reason: "not-text" });
    expect(readPabulib(`${sample}\n\u0000`)).toEqual({ ok: false, reason: "not-text", line: 24 });
  });

  it("refuses a file larger than the limit before reading it", () => {
    expect(readPabulib(sample, { maxBytes: 100 })).toEqual({ ok: false, reason: "too-large", line: null });
    expect(readPabulib(new TextEncoder().encode(sample), { maxBytes: 100 })).toEqual({ ok: false, reason: "too-large", line: null });
    expect(readPabulib(sample, { maxBytes: sample.length }).ok).toBe(true);
  });
});

describe("writing and reading back", () => {
  it("gives the same data back", () => {
    const instance = read(sample);
    const written = writePabulib(instance);
    expect(read(written)).toEqual(instance);
    // Derived fields are written from the data, counts included.
    expect(written).toContain("num_votes;5\n");
    expect(written).toContain('1;60000;3;"Speeltuin; Oost";1\n');
    expect(written).toContain("a1;1,2\n");
  });

  it("keeps names with quotes, semicolons and outer spaces intact, and writes a line break as a space", () => {
    const instance: PabulibInstance = {
      budget: 10,
      meta: { description: 'Een "test"; met\r\nregels', rule: "equalshares/add1" },
      projects: [{ id: "7", cost: 5, name: "  ruimte  ", selected: false }],
      ballots: [{ voterId: "x", approvals: ["7"] }],
    };
    const back = read(writePabulib(instance));
    expect(back).toEqual({ ...instance, meta: { ...instance.meta, description: 'Een "test"; met regels' } });
  });

  it.each(["greedy", "equalshares", "equalshares/add1", "equalshares/add1/greedy"] as AllocationRule[])(
    "gives the same outcome under %s before and after a round trip of a city-sized vote",
    (rule) => {
      const election = benchElection(5, 2_000, 30);
      const instance: PabulibInstance = {
        budget: election.budget,
        meta: { description: "round trip", rule },
        projects: election.projects.map((p) => ({ id: p.id, cost: p.cost, name: `Project ${p.id}`, selected: false })),
        ballots: election.ballots.map((approvals, i) => ({ voterId: `v${i}`, approvals: [...approvals] })),
      };
      const back = read(writePabulib(instance));
      expect(back).toEqual(instance);
      const before = allocateByRule(pabulibElection(instance), rule);
      const after = allocateByRule(pabulibElection(back), rule);
      expect(after).toEqual(before);
      expect(before.ok && before.allocation.funded.length).toBeGreaterThan(0);
    },
  );

  it("exports a closed vote with the rule and what it funded, and replays to the same outcome", () => {
    const election = { budget: 30, projects: [{ id: "1", cost: 10 }, { id: "2", cost: 10 }, { id: "3", cost: 10 }, { id: "4", cost: 10 }], ballots: [["1", "2", "3"], ["1", "2", "3"], ["1", "2", "3"], ["1", "2", "3"], ["4"], ["4"]] };
    const result = allocateEqualShares(election, { completion: "add1" });
    if (!result.ok) throw new Error(result.reason);
    const instance = pabulibFromOutcome({
      meta: { description: "Wijkbudget" },
      projects: election.projects.map((p) => ({ ...p, name: `Project ${p.id}` })),
      ballots: election.ballots.map((approvals, i) => ({ voterId: `code${i}`, approvals })),
      allocation: result.allocation,
    });
    const back = read(writePabulib(instance));
    expect(back.meta.rule).toBe("equalshares/add1");
    expect(back.projects.filter((p) => p.selected).map((p) => p.id)).toEqual(["1", "2", "4"]);
    const replay = allocateByRule(pabulibElection(back), back.meta.rule as AllocationRule);
    expect(replay.ok && replay.allocation.funded).toEqual(result.allocation.funded);
  });

  it("refuses to write a project id with a comma, which a vote list cannot hold", () => {
    expect(() => writePabulib({ budget: 1, meta: {}, projects: [{ id: "1,2", cost: 1, name: "", selected: false }], ballots: [] })).toThrow(/comma/);
  });
});

describe("messages for a refused file", () => {
  it("has a Dutch and an English message for every reason, with the same placeholders", async () => {
    const catalog = await import("~/i18n/votes");
    const reasons = ["too-large", "not-text", "unclosed-quote", "outside-section", "section-order", "missing-section", "missing-column", "missing-field", "budget-missing", "budget-not-a-number", "unsupported-vote-type", "count-mismatch", "cost-not-a-number", "selected-not-a-number", "duplicate-key", "duplicate-project", "duplicate-voter", "unknown-project"] as const;
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const reason of reasons) {
      const { key } = pabulibErrorMessage({ ok: false, reason, line: 3 });
      expect(catalog.nl[key], key).toBeTruthy();
      expect(placeholders(catalog.en[key]), key).toEqual(placeholders(catalog.nl[key]));
    }
  });
});
