// Casting on the fast path in front of Remix (votes.casting.server.ts), through a real node:http
// server wired as server.js wires it: a counted ballot is answered there with the very answer of
// the Remix action; everything else reaches the Remix route with the body as it was sent.
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { ballots, voteParticipations } from "#db/schema";
import { db } from "~/utils/db.server";
import { answerFast, fastRouteFor } from "~/utils/http.server";
import { logger } from "~/utils/logger.server";
import { createTestApp, ORIGIN, type TestApp } from "../../support/handler";
import { budgetSetup, createVoter, makeVote, newCode } from "./helpers";

let server: http.Server;
let base: string;
let app: TestApp;
/** What reached Remix after the fast path left it: path and body. */
const passedOn: Array<{ url: string; body: string }> = [];

/** The replayed request as a Fetch Request for the Remix handler, as @remix-run/express builds one. */
async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  passedOn.push({ url: req.url!, body });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  headers.set("Host", new URL(ORIGIN).host);
  return new Request(new URL(req.url!, ORIGIN), { method: req.method, headers, body });
}

beforeAll(async () => {
  app = await createTestApp();
  server = http.createServer((req, res) => {
    const found = fastRouteFor(req);
    if (!found) {
      res.writeHead(599).end();
      return;
    }
    void answerFast(req, res, found, {
      secure: false,
      logger: logger(),
      passOn: (again) =>
        void toRequest(again)
          .then((request) => app.handle(request))
          .then(async (answer) => {
            res.writeHead(answer.status, Object.fromEntries(answer.headers));
            res.end(Buffer.from(await answer.arrayBuffer()));
          }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cast = (cookie: string, topicId: number, form: Array<[string, string]>) =>
  fetch(`${base}/votes/${topicId}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie }, body: new URLSearchParams(form).toString() });
const ballotForm = (code: string, options: number[], intent = "cast"): Array<[string, string]> => [["intent", intent], ["ballotCode", code], ...options.map((o): [string, string] => ["option", String(o)])];
const stored = (topicId: number) => ({
  ballots: db.select({ n: sql<number>`count(*)` }).from(ballots).where(eq(ballots.topicId, topicId)).get()!.n,
  voters: db.select({ n: sql<number>`count(*)` }).from(voteParticipations).where(eq(voteParticipations.topicId, topicId)).get()!.n,
});
/** What the signed message cookie says, read back through the app (the receipt page shows the code from it). */
const toastOf = (answer: Response) => answer.headers.getSetCookie().find((c) => c.startsWith("inspraak_toast="));

describe("casting on the fast path", () => {
  it("answers a counted ballot in front of Remix with the Remix action's own answer: the receipt, the code in the message cookie", async () => {
    const { topicId, optionIds } = await makeVote();
    const [anna, bert] = [await createVoter(), await createVoter()];
    passedOn.length = 0;
    const fast = await cast(anna.cookie, topicId, ballotForm(newCode(), [optionIds[0]!]));
    expect(passedOn).toEqual([]);
    const remix = await app.post(`/votes/${topicId}`, Object.fromEntries(ballotForm(newCode(), [optionIds[1]!])), { headers: { Cookie: bert.cookie } });
    expect([fast.status, fast.headers.get("Location")]).toEqual([remix.status, remix.headers.get("Location")]);
    expect(fast.status).toBe(302);
    expect(toastOf(fast)).toBeDefined();
    // Both carry the one-time message with the code, signed alike (same attributes).
    expect(toastOf(fast)!.split(";").slice(1).sort()).toEqual(toastOf(remix)!.split(";").slice(1).sort());
    expect(stored(topicId)).toEqual({ ballots: 2, voters: 2 });
  });

  it("a repeat of the same post gets the same receipt and stores one ballot", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const code = newCode();
    const [first, second] = await Promise.all([cast(anna.cookie, topicId, ballotForm(code, [optionIds[2]!])), cast(anna.cookie, topicId, ballotForm(code, [optionIds[2]!]))]);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(stored(topicId)).toEqual({ ballots: 1, voters: 1 });
  });

  it("leaves a refusal to the Remix route, with the body as sent: the page with its message and the ballot as chosen, nothing stored", async () => {
    const { topicId, optionIds } = await makeVote(budgetSetup());
    const anna = await createVoter();
    passedOn.length = 0;
    const form = ballotForm(newCode(), [optionIds[0]!, optionIds[1]!, optionIds[2]!]);
    const over = await cast(anna.cookie, topicId, form);
    expect(over.status).toBe(422);
    expect(await over.text()).toContain("Uw keuze kost meer dan het budget");
    expect(passedOn).toEqual([{ url: `/votes/${topicId}`, body: new URLSearchParams(form).toString() }]);
    expect(stored(topicId)).toEqual({ ballots: 0, voters: 0 });
    // "Recalculate" is a page too: the same choices come back, added up.
    const again = await cast(anna.cookie, topicId, ballotForm(newCode(), [optionIds[1]!, optionIds[3]!], "recalculate"));
    expect(again.status).toBe(200);
    expect(await again.text()).toMatch(/checked=""[^>]*value="\d+"|value="\d+"[^>]*checked=""/);
    expect(stored(topicId)).toEqual({ ballots: 0, voters: 0 });
  });

  it("a session that is not valid goes to Remix, which sends the visitor to sign in", async () => {
    const { topicId, optionIds } = await makeVote();
    const answer = await cast("inspraak_session=nonsense", topicId, ballotForm(newCode(), [optionIds[0]!]));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toMatch(/^\/sign-in/);
    expect(stored(topicId)).toEqual({ ballots: 0, voters: 0 });
    expect(db.select().from(voteParticipations).where(and(eq(voteParticipations.topicId, topicId))).all()).toEqual([]);
  });

  it("takes only its own path: other vote pages and posts with a query go the usual way", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    for (const path of [`/votes/${topicId}/receipt`, `/votes/${topicId}?index`, `/votes/abc`, `/votes/0`]) {
      const answer = await fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: anna.cookie }, body: new URLSearchParams(ballotForm(newCode(), [optionIds[0]!])).toString() });
      expect(answer.status, path).toBe(599);
    }
    expect(stored(topicId)).toEqual({ ballots: 0, voters: 0 });
  });
});
