// Supporting an agenda proposal through the shared support primitive: once per eligible person,
// also under concurrency; withdrawing while it collects; refused with a translated message and
// nothing changed when outside the window, twice, ineligible or for a tampered id; reaching the
// threshold moves it on and tells supporters and followers once; the window ending short expires it.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { topics } from "#db/schema";
import { catalogs } from "~/i18n";
import { expireProposals } from "~/modules/proposals/proposals.server";
import { proposalSupport } from "~/modules/proposals/proposals.support.server";
import { followTopic } from "~/modules/topics/topics.server";
import * as support from "~/routes/proposals.$id_.support";
import * as unsupport from "~/routes/proposals.$id_.unsupport";
import { findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { sendSignerMailings } from "../../support/mailings";
import { callRoute } from "../../support/routes";
import { ensureNeighbourhoods } from "../petitions/helpers";
import { eventsOf, makeProposal, noticesOf, proposalSettings, supportRows, toastOf, topicRow, verifiedResident, verify } from "./helpers";

const press = (id: number | string, cookie?: string) => callRoute(support, { path: `/proposals/${id}/support`, params: { id: String(id) }, form: {}, cookie });
const unpress = (id: number, cookie?: string) => callRoute(unsupport, { path: `/proposals/${id}/unsupport`, params: { id: String(id) }, form: {}, cookie });

beforeAll(() => ensureNeighbourhoods());
beforeEach(() => proposalSettings({ threshold: 500, days: 90, who: "verified-residents", age: 16 }));

describe("supporting a proposal", () => {
  it("counts a verified resident once; a repeat is the same request", async () => {
    const { id } = await makeProposal();
    const person = await verifiedResident();
    const first = await press(id, person.cookie);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/proposals/${id}`);
    expect(await toastOf(first)).toBe("proposal.support.thanks");
    const again = await press(id, person.cookie);
    expect(await toastOf(again)).toBe("proposal.support.already");
    expect(topicRow(id).supportCount).toBe(1);
    expect(supportRows(id)).toHaveLength(1);
  });

  it("counts twenty simultaneous presses of one person once", async () => {
    const { id } = await makeProposal();
    const person = await verifiedResident();
    const user = findSessionUser(person.id)!;
    const subject = proposalSupport.find(id)!;
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => proposalSupport.supportTogether(user, subject, {})));
    expect(outcomes.filter((o) => o.ok && !o.already)).toHaveLength(1);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(topicRow(id).supportCount).toBe(1);
    expect(supportRows(id)).toHaveLength(1);
  });

  it("refuses a resident who is not verified, with a translated message, and changes nothing", async () => {
    const { id } = await makeProposal();
    const person = await createPerson({ roles: ["resident"] });
    const answer = await press(id, person.cookie);
    expect(answer.status).toBe(303);
    expect(await toastOf(answer)).toBe("eligibility.not-verified-resident");
    expect(catalogs.en["eligibility.not-verified-resident"]).toMatch(/verified residents/);
    expect(topicRow(id).supportCount).toBe(0);
    expect(supportRows(id)).toEqual([]);
  });

  it("refuses a resident below the minimum age, counting from the birthday itself", async () => {
    const { id } = await makeProposal();
    // Birthdays on the municipality's calendar (Amsterdam), not UTC's: near midnight the two differ.
    const { localDay } = await import("~/utils/local-time");
    const [y, m, d] = localDay(new Date()).split("-").map(Number) as [number, number, number];
    const iso = (years: number, dayShift: number) => new Date(Date.UTC(y - years, m - 1, d + dayShift)).toISOString().slice(0, 10);
    // Turns 16 tomorrow: too young; turned 16 today: counts.
    const young = await verifiedResident(iso(16, 1));
    expect(await toastOf(await press(id, young.cookie))).toBe("proposal.ineligible.too-young");
    const birthday = await verifiedResident(iso(16, 0));
    expect(await toastOf(await press(id, birthday.cookie))).toBe("proposal.support.thanks");
    expect(topicRow(id).supportCount).toBe(1);
  });

  it("lets any confirmed account in the municipality support when the setting says so, but not someone living elsewhere", async () => {
    proposalSettings({ who: "confirmed-accounts", age: 0 });
    const { id } = await makeProposal();
    const local = await createPerson({ roles: ["resident"] });
    db.update((await import("#db/schema")).users).set({ postcode: "9902XY" }).where(eq((await import("#db/schema")).users.id, local.id)).run();
    expect(await toastOf(await press(id, local.cookie))).toBe("proposal.support.thanks");
    const elsewhere = await createPerson({ roles: ["resident"] });
    db.update((await import("#db/schema")).users).set({ postcode: "1011AB" }).where(eq((await import("#db/schema")).users.id, elsewhere.id)).run();
    expect(await toastOf(await press(id, elsewhere.cookie))).toBe("eligibility.outside-municipality");
    expect(topicRow(id).supportCount).toBe(1);
  });

  it("refuses support outside the window: before admission, and after the window ended", async () => {
    const waiting = await makeProposal({ stage: "submitted" });
    const person = await verifiedResident();
    // Not public yet: as if it did not exist.
    expect((await press(waiting.id, person.cookie)).status).toBe(404);
    const old = await makeProposal({ at: new Date(Date.now() - 91 * 86_400_000) });
    const late = await press(old.id, person.cookie);
    expect(late.status).toBe(303);
    expect(await toastOf(late)).toBe("proposal.support.closed");
    expect(topicRow(old.id).supportCount).toBe(0);
  });

  it("answers a tampered or unknown id with 404 and sends a visitor to sign in", async () => {
    const { id } = await makeProposal();
    const person = await verifiedResident();
    expect((await press(999_999, person.cookie)).status).toBe(404);
    expect((await press("12abc", person.cookie)).status).toBe(404);
    const petitionLike = db.select({ id: topics.id }).from(topics).where(eq(topics.kind, "discussion")).get();
    if (petitionLike) expect((await press(petitionLike.id, person.cookie)).status).toBe(404);
    const visitor = await press(id);
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/proposals/${id}`)}`);
  });

  it("refuses a blocked resident (403) and changes nothing", async () => {
    const { id } = await makeProposal();
    const person = await verifiedResident();
    db.update((await import("#db/schema")).users).set({ blockedAt: new Date() }).where(eq((await import("#db/schema")).users.id, person.id)).run();
    expect((await press(id, person.cookie)).status).toBe(403);
    expect(topicRow(id).supportCount).toBe(0);
  });

  it("takes support back while collecting, and counts it again after", async () => {
    const { id } = await makeProposal();
    const person = await verifiedResident();
    await press(id, person.cookie);
    const back = await unpress(id, person.cookie);
    expect(await toastOf(back)).toBe("proposal.support.withdrawn");
    expect(topicRow(id).supportCount).toBe(0);
    await press(id, person.cookie);
    expect(topicRow(id).supportCount).toBe(1);
    expect(supportRows(id)).toHaveLength(1);
  });
});

describe("the threshold and the window", () => {
  it("moves the proposal on at the threshold, stops support, and tells supporters and followers once", async () => {
    proposalSettings({ threshold: 2 });
    const { id, author } = await makeProposal();
    const follower = await createPerson();
    followTopic(follower.id, id);
    const [a, b, c] = [await verifiedResident(), await verifiedResident(), await verifiedResident()];
    await press(id, a.cookie);
    expect(topicRow(id).status).toBe("collecting");
    await press(id, b.cookie);
    expect(topicRow(id).status).toBe("threshold-reached");
    expect(eventsOf(id).filter((e) => e === "threshold-reached")).toHaveLength(1);
    expect(await toastOf(await press(id, c.cookie))).toBe("proposal.support.closed");
    expect(topicRow(id).supportCount).toBe(2);
    await sendSignerMailings();
    await sendSignerMailings();
    for (const person of [author, follower, a]) expect(noticesOf(person.id, id).filter((n) => n === "proposal.notice.thresholdReached")).toHaveLength(1);
    // The last supporter caused it: told by their own toast, not a notice.
    expect(noticesOf(c.id, id)).toEqual([]);
  });

  it("expires a proposal whose window ended short of the threshold, in batches, once, telling supporters", async () => {
    const started = new Date(Date.now() - 91 * 86_400_000);
    const made = [await makeProposal({ at: started }), await makeProposal({ at: started }), await makeProposal({ at: started })];
    const supporter = await verifiedResident();
    // Supported while its window was open.
    expect((await proposalSupport.supportTogether(findSessionUser(supporter.id)!, proposalSupport.find(made[0]!.id)!, {})).ok).toBe(false);
    const { supportTopic } = await import("~/modules/support/support.topics.server");
    const { proposalSupportSpec } = await import("~/modules/proposals/proposals.support.server");
    expect(supportTopic(proposalSupportSpec, supporter, made[0]!.id, new Date(started.getTime() + 86_400_000)).ok).toBe(true);
    const open = await makeProposal();
    expect(expireProposals(new Date(), 2)).toBeGreaterThanOrEqual(3);
    for (const m of made) {
      expect(topicRow(m.id).status).toBe("expired");
      expect(eventsOf(m.id).filter((e) => e === "expired")).toHaveLength(1);
    }
    expect(topicRow(open.id).status).toBe("collecting");
    expect(expireProposals(new Date(), 2)).toBe(0);
    await sendSignerMailings();
    expect(noticesOf(supporter.id, made[0]!.id)).toEqual(["proposal.notice.expired"]);
    expect(noticesOf(made[1]!.author.id, made[1]!.id)).toContain("proposal.notice.expired");
  });
});

it("keeps a verify() helper honest: an unverified resident becomes eligible once verified", async () => {
  const { id } = await makeProposal();
  const person = await createPerson({ roles: ["resident"] });
  expect(await toastOf(await press(id, person.cookie))).toBe("eligibility.not-verified-resident");
  verify(person);
  expect(await toastOf(await press(id, person.cookie))).toBe("proposal.support.thanks");
});
