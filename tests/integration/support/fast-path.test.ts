// The fast path in front of Remix (server.js) for a kind's one-click support, through a real
// node:http server: it is registered from each kind manifest's support policy (not a petition
// pattern in server.js),
// takes only plain same-site form posts with a session cookie, and answers with the very security
// headers express gives every other response (app/utils/http.server.ts).
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFast, fastRouteFor, securityHeaders } from "~/utils/http.server";
import { logger } from "~/utils/logger.server";
import { counts, ensureNeighbourhoods, makePetition, resident, setThresholds } from "../petitions/helpers";

let server: http.Server;
let base: string;
const taken: string[] = [];

beforeAll(async () => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
  // Nothing registered here: the petition manifest's support policy put its route in (app/kinds.server.ts).
  server = http.createServer((req, res) => {
    const found = fastRouteFor(req);
    if (!found) {
      res.writeHead(599).end();
      return;
    }
    taken.push(req.url!);
    void answerFast(req, res, found, { secure: true, logger: logger() });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, headers: Record<string, string>, body = "intent=sign") =>
  fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });

const withoutNonce = (value: string | null) => value?.replace(/'nonce-[^']+'/, "'nonce-*'");

describe("the fast path", () => {
  it("signs with one click and answers with every security header, HSTS included on https", async () => {
    const { id } = await makePetition();
    const person = await resident();
    const answer = await post(`/petitions/${id}/sign`, { Cookie: person.cookie });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/petitions/${id}`);
    expect(counts(id).support).toBe(1);
    for (const [name, value] of Object.entries(securityHeaders({ nonce: "x", secure: true }))) {
      expect(withoutNonce(answer.headers.get(name)), name).toBe(withoutNonce(value));
    }
    expect(answer.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("answers a petition no one may see with the shared 404 body", async () => {
    const person = await resident();
    const answer = await post("/petitions/99999999/sign", { Cookie: person.cookie });
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain("Niet gevonden.");
  });

  it("leaves everything but a plain same-site form post with a session cookie to the guarded stack", async () => {
    const { id } = await makePetition();
    const person = await resident();
    const path = `/petitions/${id}/sign`;
    expect((await post(path, { Cookie: person.cookie, Origin: "https://evil.example" })).status).toBe(599);
    expect((await post(path, {})).status).toBe(599);
    expect((await post(path, { Cookie: person.cookie, "Content-Type": "application/json" }, "{}")).status).toBe(599);
    expect((await post(`${path}?x=1`, { Cookie: person.cookie })).status).toBe(599);
    expect((await post(`/petitions/${id}/other`, { Cookie: person.cookie })).status).toBe(599);
    expect(counts(id).support).toBe(0);
  });

  it("takes a post without a body and without Content-Length, as a form with only a button may arrive", async () => {
    // The bench's one-click support was sent like this and went the slow way through Remix.
    const { id } = await makePetition();
    const person = await resident();
    const raw = (extra: string) =>
      new Promise<string>((resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end(`POST /petitions/${id}/sign HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${person.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n${extra}\r\n`);
        });
        let answer = "";
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("end", () => resolve(answer.split("\r\n")[0]!));
        socket.on("error", reject);
      });
    // A chunked body of unknown length still goes the usual way.
    expect(await raw("Transfer-Encoding: chunked\r\n\r\n0\r\n")).toContain(" 599 ");
    expect(counts(id).support).toBe(0);
    // Taken here (not 599), and answered as the Remix route answers a sign post without its intent.
    expect(await raw("")).toMatch(/^HTTP\/1.1 303 /);
  });
});
