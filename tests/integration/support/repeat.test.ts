// Issue 9 point 20: twenty identical one-click posts by one resident were told "rate limited"
// eleven times, because repeats of a signature already made counted against the limit; and the
// page's form answered 429 where the one-click route redirected. A repeat of a done support is the
// same request ("already signed") and costs nothing; both ways in answer alike.
import { beforeAll, describe, expect, it } from "vitest";
import * as sign from "~/routes/petitions.$id_.sign";
import { getToast } from "~/utils/toast.server";
import { callRoute, type RouteResult } from "../../support/routes";
import { counts, ensureNeighbourhoods, makePetition, resident, setThresholds, signAsResident } from "../petitions/helpers";

const oneClick = (id: number, cookie: string) => callRoute(sign, { path: `/petitions/${id}/sign`, params: { id: String(id) }, form: { intent: "sign" }, cookie });

async function message(result: RouteResult) {
  const setCookie = result.headers.get("Set-Cookie");
  if (!setCookie) return null;
  return (await getToast(new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } }))).toast?.message ?? null;
}

beforeAll(() => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});

describe("a repeat of a signature already made", () => {
  it("is answered 'already signed' twenty times over and never counts against the rate limit", async () => {
    const { id } = await makePetition();
    const person = await resident();
    const answers: RouteResult[] = [];
    for (let i = 0; i < 20; i++) answers.push(await oneClick(id, person.cookie));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(302));
    expect(await message(answers[0]!)).toBe("petition.sign.thanks");
    for (const answer of answers.slice(1)) expect(await message(answer)).toBe("petition.sign.already");
    // The same person can still sign nine other petitions within the hour's limit of ten.
    for (let i = 0; i < 9; i++) {
      const other = await makePetition();
      expect(await message(await oneClick(other.id, person.cookie))).toBe("petition.sign.thanks");
    }
    expect(counts(id).support).toBe(1);
  });

  it("through the page's form is answered the same way", async () => {
    const { id } = await makePetition();
    const person = await resident();
    for (let i = 0; i < 15; i++) await signAsResident(id, person);
    const again = await signAsResident(id, person);
    expect(again.status).toBe(302);
    expect(await message(again)).toBe("petition.sign.already");
  });
});

describe("the page's form and the one-click route", () => {
  it("answer a rate limit alike: back to the petition with the message, no 429 on one and a redirect on the other", async () => {
    const person = await resident();
    for (let i = 0; i < 10; i++) await oneClick((await makePetition()).id, person.cookie);
    const a = await makePetition();
    const b = await makePetition();
    const viaPage = await signAsResident(a.id, person);
    const viaButton = await oneClick(b.id, person.cookie);
    for (const [answer, id] of [[viaPage, a.id], [viaButton, b.id]] as const) {
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(`/petitions/${id}`);
      expect(await message(answer)).toBe("form.rateLimited");
      expect(counts(id).support).toBe(0);
    }
  });
});
