// The OpenAPI 3.1 description at /api/v1/openapi.json is valid (checked with @readme/openapi-parser)
// and true: on the demo municipality, the real answer of every path it describes fits the schema it
// gives for that status (200, 304, 400, 404), and every address of the API is in it.
import { validate, compileErrors } from "@readme/openapi-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed";
import { sqlite } from "~/utils/db.server";
import { createTestApp, type TestApp } from "../../support/handler";
import { schemaErrors } from "../../support/json-schema";

let app: TestApp;
let doc: any;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemo();
  const response = await app.get("/api/v1/openapi.json");
  expect(response.status).toBe(200);
  doc = await response.json();
});

/** The schema a path's answer with this status and type is described by. */
function responseSchema(template: string, status: number, type = "application/json") {
  const described = doc.paths[template]?.get?.responses?.[String(status)];
  expect(described, `${template} ${status} is described`).toBeDefined();
  return described.content?.[type]?.schema;
}

async function expectDescribed(template: string, path: string, status = 200) {
  const response = await app.get(path);
  expect(response.status, path).toBe(status);
  const type = status === 200 ? "application/json" : "application/problem+json";
  expect(response.headers.get("Content-Type"), path).toMatch(new RegExp(`^${type.replace("+", "\\+")}`));
  const body = await response.json();
  expect(schemaErrors(body, responseSchema(template, status, type), doc), path).toEqual([]);
  for (const header of Object.keys(doc.paths[template].get.responses[String(status)].headers ?? {})) {
    if (header !== "Link" || body.next) expect(response.headers.get(header), `${path} ${header}`).not.toBeNull();
  }
  return body;
}

describe("the OpenAPI description", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("describes every address of the API", () => {
    const described = Object.keys(doc.paths).map((p) => `/api/v1${p.replace(/\{(\w+)\}/g, ":$1")}`);
    const routes = Object.values(app.build.routes)
      .map((r) => `/${r.path ?? ""}`)
      .filter((p) => p.startsWith("/api/v1/") && p !== "/api/v1/*" && p !== "/api/v1/openapi.json")
      .map((p) => p.replace(/\/$/, ""));
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(described.sort()).toEqual(routes.sort());
  });

  it("matches the real answers of every path, on every page, for every kind", async () => {
    const raw = sqlite();
    for (const kind of ["petition", "discussion", "proposal", "vote", "bylaw"]) {
      for (let path: string | null = `/api/v1/topics?kind=${kind}&limit=2`; path; ) path = (await expectDescribed("/topics", path)).next;
    }
    const ids = (raw.prepare("SELECT id FROM topics WHERE is_public = 1 AND hidden = 0").all() as Array<{ id: number }>).map((r) => r.id);
    for (const id of ids) {
      await expectDescribed("/topics/{id}", `/api/v1/topics/${id}`);
      await expectDescribed("/topics/{id}/timeline", `/api/v1/topics/${id}/timeline?limit=200`);
      await expectDescribed("/topics/{id}/outcome", `/api/v1/topics/${id}/outcome`);
    }
    const meetings = await expectDescribed("/meetings", "/api/v1/meetings?limit=1");
    expect(meetings.next).not.toBeNull();
    for (const meeting of (await expectDescribed("/meetings", "/api/v1/meetings?limit=200")).items) await expectDescribed("/meetings/{meeting}", `/api/v1/meetings/${meeting.id}`);
    await expectDescribed("/counts", "/api/v1/counts");
  });

  it("matches the problems of bad parameters and of what is not there", async () => {
    await expectDescribed("/topics", "/api/v1/topics?limit=0", 400);
    await expectDescribed("/topics/{id}", "/api/v1/topics/abc", 400);
    await expectDescribed("/topics/{id}", "/api/v1/topics/999999", 404);
    await expectDescribed("/topics/{id}/timeline", "/api/v1/topics/1/timeline?cursor=x", 400);
    await expectDescribed("/topics/{id}/outcome", "/api/v1/topics/999999/outcome", 404);
    await expectDescribed("/meetings", "/api/v1/meetings?limit=x", 400);
    await expectDescribed("/meetings/{meeting}", "/api/v1/meetings/999999", 404);
    await expectDescribed("/counts", "/api/v1/counts?x=1", 400);
  });

  it("describes the 304 and its headers", async () => {
    const first = await app.get("/api/v1/counts");
    const again = await app.get("/api/v1/counts", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    for (const header of Object.keys(doc.paths["/counts"].get.responses["304"].headers)) expect(again.headers.get(header), header).not.toBeNull();
  });

  it("closes every object, so a field it does not describe fails the check", async () => {
    const topic = await (await app.get("/api/v1/topics?kind=petition&limit=1")).json();
    const withAuthor = { ...topic, items: [{ ...topic.items[0], authorId: "demo-resident" }] };
    expect(schemaErrors(withAuthor, responseSchema("/topics", 200), doc).join()).toMatch(/authorId/);
    const withName = { outcomes: [], nextSteps: [], writtenBy: "Gerda Griffier" };
    expect(schemaErrors(withName, responseSchema("/topics/{id}/outcome", 200), doc).join()).toMatch(/writtenBy/);
  });
});
