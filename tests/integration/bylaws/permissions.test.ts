// Issue #12's permission matrix, route by route: only clerks publish versions and close the
// consultation; residents support or oppose an amendment, clerks do not take stances; and a
// tampered amendment id (another bylaw's) is refused. Each refusal changes nothing.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bylawVersions, supportStances } from "#db/schema";
import * as amendmentRoute from "~/routes/bylaws.$id_.amendments.$amendmentId";
import * as closeRoute from "~/routes/bylaws.$id_.close";
import * as versionRoute from "~/routes/bylaws.$id_.next-version";
import { decideAmendment } from "~/modules/bylaws/bylaws.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, amend, amendmentRow, openBylaw, topicRow } from "./helpers";

const versionsOf = (topicId: number) => db.select().from(bylawVersions).where(eq(bylawVersions.topicId, topicId)).all().length;

describe("who may do what with a draft bylaw", () => {
  it("only clerks publish a new version, and only clerks see its form", async () => {
    let topicId = 0;
    await expectPermissions({
      route: versionRoute,
      request: async () => {
        const bylaw = await openBylaw();
        topicId = bylaw.topicId;
        const id = amend(await createPerson(), { topicId, articleId: bylaw.articleIds[0]!, type: "replace", heading: "", text: "Een terras laat twee meter vrij.", rationale: "Ruimer voor rolstoelen." });
        const decided = decideAmendment(actorOf(bylaw.clerk), { topicId, amendmentId: id, decision: "accept", reason: null });
        if (!decided.ok) throw new Error(decided.reason);
        return { method: "POST", path: `/bylaws/${topicId}/next-version`, params: { id: String(topicId) }, form: { amendments: String(id), note: "" } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(versionsOf(topicId)).toBe(2),
      onRefused: () => expect(versionsOf(topicId)).toBe(1),
    });
    const { topicId: id } = await openBylaw();
    await expectPermissions({ route: versionRoute, request: () => ({ path: `/bylaws/${id}/next-version`, params: { id: String(id) } }), allowed: ["clerk"] });
  });

  it("only clerks close the consultation", async () => {
    let topicId = 0;
    await expectPermissions({
      route: closeRoute,
      request: async () => {
        ({ topicId } = await openBylaw());
        return { method: "POST", path: `/bylaws/${topicId}/close`, params: { id: String(topicId) }, form: { confirm: "on" } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(topicRow(topicId).status).toBe("closed"),
      onRefused: () => expect(topicRow(topicId).status).toBe("open"),
    });
  });

  it("residents support an amendment; a clerk without the resident role, a councillor or an admin cannot", async () => {
    const { topicId, articleIds } = await openBylaw();
    let amendmentId = 0;
    await expectPermissions({
      route: amendmentRoute,
      request: async () => {
        amendmentId = amend(await createPerson(), { topicId, articleId: articleIds[1]!, type: "delete", heading: "", text: "", rationale: "Overbodig artikel, vind ik." });
        return { method: "POST", path: `/bylaws/${topicId}/amendments/${amendmentId}`, params: { id: String(topicId), amendmentId: String(amendmentId) }, form: { intent: "support" } };
      },
      allowed: ["resident"],
      onAllowed: () => expect(amendmentRow(amendmentId).supportCount).toBe(1),
      onRefused: () => expect(amendmentRow(amendmentId).supportCount).toBe(0),
    });
  });

  it("refuses a stance or a decision on another bylaw's amendment (a tampered id) with a 404, changing nothing", async () => {
    const { topicId, clerk } = await openBylaw();
    const other = await openBylaw();
    const foreign = amend(await createPerson(), { topicId: other.topicId, articleId: other.articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Overbodig artikel, vind ik." });
    const jan = await createPerson();
    const press = (form: Record<string, string>, cookie: string, id = String(foreign)) =>
      callRoute(amendmentRoute, { method: "POST", path: `/bylaws/${topicId}/amendments/${id}`, params: { id: String(topicId), amendmentId: id }, form, cookie });
    expect((await press({ intent: "support" }, jan.cookie)).status).toBe(404);
    expect((await press({ intent: "decide", decision: "reject", reason: "Niet hier." }, clerk.cookie)).status).toBe(404);
    expect((await press({ intent: "support" }, jan.cookie, "12abc")).status).toBe(404);
    expect(amendmentRow(foreign)).toMatchObject({ status: "open", supportCount: 0 });
    expect(db.select().from(supportStances).where(eq(supportStances.subjectId, foreign)).all()).toHaveLength(0);
  });
});
