// Issue #9 point 17: what the petition form says when it is not right.
import { describe, expect, it } from "vitest";
import * as newPage from "~/routes/petitions.new";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe("the petition form", () => {
  it("asks to fill in an empty required field, not for 'at least N characters'", async () => {
    const resident = await createPerson();
    const result = await callRoute(newPage, {
      path: "/petitions/new",
      form: { title: "", request: "   ", background: "", neighbourhoodId: "", deadline: "" },
      cookie: resident.cookie,
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.title).toBe("Vul dit veld in.");
    expect(result.data.errors.request).toBe("Vul dit veld in.");
  });

  it("reports a past deadline together with the other mistakes, in one answer", async () => {
    const resident = await createPerson({ locale: "en" });
    const result = await callRoute(newPage, {
      path: "/petitions/new",
      form: { title: "Kort", request: "", background: "", neighbourhoodId: "", deadline: isoDay(-2) },
      cookie: resident.cookie,
    });
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["deadline", "request", "title"]);
    expect(result.data.errors.deadline).toBe("Choose a closing date in the future.");
    expect(result.data.errors.request).toBe("Fill in this field.");
  });
});
