// Open data of every kind (issue #8): the shared columns, each kind's own fields, nothing a visitor
// may not read, and a clear problem answer for a request it cannot answer.
import { describe, expect, it } from "vitest";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import * as openDataRoute from "~/routes/open-data.$kind";
import * as openDataIndex from "~/routes/open-data._index";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, makePetition } from "../petitions/helpers";

const page = (kind: string, query = "") => callRoute(openDataRoute, { path: `/open-data/${kind}${query}`, params: { kind } });

describe("open data", () => {
  it("lists every registered kind with its fields", async () => {
    const index = await callRoute(openDataIndex, { path: "/open-data" });
    expect(index.data.kinds.map((k: { kind: string }) => k.kind)).toEqual(registeredKinds().map((k) => k.kind));
    const petition = index.data.kinds.find((k: { kind: string }) => k.kind === "petition");
    expect(petition.columns).toEqual(expect.arrayContaining(["id", "title", "status", "supportCount", "responseThreshold", "respondedAt"]));
  });

  it("gives a petition's thresholds and dates, withholds the text of one rejected as offensive, and leaves out a draft", async () => {
    const open = await makePetition({ title: "Meer bankjes langs de Vecht" });
    const offensive = await makePetition({ title: "Een petitie vol scheldwoorden", stage: "submitted" });
    expect(rejectPetition(actorOf(await clerk()), offensive.id, { code: "offensive" }).ok).toBe(true);
    const draft = await makePetition({ title: "Nog een concept", stage: "draft" });

    const result = await page("petition", `?after=${open.id - 1}&limit=1000`);
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toMatch(/public/);
    const items: Array<Record<string, unknown>> = result.data.items;
    expect(items.find((i) => i.id === open.id)).toMatchObject({ kind: "petition", title: "Meer bankjes langs de Vecht", status: "open", responseThreshold: expect.any(Number) });
    const rejected = items.find((i) => i.id === offensive.id);
    expect(rejected).toMatchObject({ status: "rejected", rejectionCode: "offensive", title: null, summary: null });
    expect(JSON.stringify(result.data)).not.toContain("scheldwoorden");
    expect(items.some((i) => i.id === draft.id)).toBe(false);
    for (const item of items) expect(Object.keys(item)).not.toEqual(expect.arrayContaining(["authorId"]));
  });

  it("gives the next page's address until the last page, and a Link header to it", async () => {
    const a = await makePetition();
    const b = await makePetition();
    const first = await page("petition", `?after=${a.id - 1}&limit=1`);
    expect(first.data.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect(first.data.next).toBe(`/open-data/petition?after=${a.id}&limit=1`);
    expect(first.headers.get("Link")).toBe(`</open-data/petition?after=${a.id}&limit=1>; rel="next"`);
    const second = await page("petition", `?after=${a.id}&limit=1`);
    expect(second.data.items.map((i: { id: number }) => i.id)).toEqual([b.id]);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=5000", "limit"],
    ["?after=abc", "after"],
    ["?format=xml", "format"],
    ["?format=csv&after=3", "after"],
    ["?page=2", "page"],
  ])("answers %s with a 400 problem naming %s, in the person's language", async (query, param) => {
    const result = await page("petition", query);
    expect(result.status).toBe(400);
    expect(result.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(String(result.data));
    expect(body).toMatchObject({ status: 400, param });
    expect(body.detail).toMatch(/\w/);
    const english = await callRoute(openDataRoute, { path: `/open-data/petition${query}`, params: { kind: "petition" }, headers: { "Accept-Language": "en" } });
    expect(JSON.parse(String(english.data)).title).toBe("We cannot answer this request for open data");
  });

  it("answers a kind that does not exist with a 404 problem", async () => {
    const result = await page("spreadsheet");
    expect(result.status).toBe(404);
    expect(JSON.parse(String(result.data))).toMatchObject({ status: 404 });
  });
});
