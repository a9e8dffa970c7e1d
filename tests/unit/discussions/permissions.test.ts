import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { can, type Actor } from "~/utils/permissions";

const person = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({ id: "me", roles, emailVerified: true, blocked: false, ...extra });
const resident = person(["resident"]);
const clerk = person(["resident", "clerk"]);
const admin = person(["admin"]);
const councillor = person(["councillor"]);
const blocked = person(["resident"], { blocked: true });
const unconfirmed = person(["resident"], { emailVerified: false });

const ownComment = { authorId: "me", createdAt: new Date(), hidden: false, deleted: false, editWindowMinutes: 15 };

describe("discussion permissions", () => {
  it.each([
    ["moderation:act", [clerk], [null, resident, admin, councillor, blocked]],
    ["user:block", [clerk], [null, resident, admin, councillor]],
    ["discussion:create", [resident, clerk], [null, admin, councillor, blocked, unconfirmed]],
    ["discussion:close", [clerk], [null, resident, admin, councillor]],
    ["comment:create", [resident, clerk, admin, councillor, unconfirmed], [null, blocked]],
    ["flag:create", [resident, clerk, admin, councillor], [null, blocked, unconfirmed]],
    ["comment:upvote", [resident, clerk, admin, councillor], [null, blocked, unconfirmed]],
    ["audit:read", [clerk, admin], [null, resident, councillor]],
    ["moderation:statistics", [null, resident, clerk], []],
  ] as const)("%s", (action, allowed, refused) => {
    for (const who of allowed) expect(can(who, action), `${action} for ${JSON.stringify(who)}`).toBe(true);
    for (const who of refused) expect(can(who, action), `${action} for ${JSON.stringify(who)}`).toBe(false);
  });

  it("lets authors edit their own comment within the window only", () => {
    expect(can(resident, "comment:edit", ownComment)).toBe(true);
    expect(can(resident, "comment:edit", { ...ownComment, authorId: "someone-else" })).toBe(false);
    expect(can(clerk, "comment:edit", { ...ownComment, authorId: "someone-else" })).toBe(false);
    expect(can(resident, "comment:edit", { ...ownComment, createdAt: new Date(Date.now() - 16 * 60_000) })).toBe(false);
    expect(can(resident, "comment:edit", { ...ownComment, hidden: true })).toBe(false);
    expect(can(blocked, "comment:edit", ownComment)).toBe(false);
    expect(can(resident, "comment:edit", { ...ownComment, authorId: null })).toBe(false);
  });

  it("lets authors delete their own comment at any time, nobody else's", () => {
    expect(can(resident, "comment:delete", { authorId: "me", deleted: false })).toBe(true);
    expect(can(resident, "comment:delete", { authorId: "other", deleted: false })).toBe(false);
    expect(can(resident, "comment:delete", { authorId: "me", deleted: true })).toBe(false);
  });

  it("refuses upvoting one's own comment", () => {
    expect(can(resident, "comment:upvote", { authorId: "other" })).toBe(true);
    expect(can(resident, "comment:upvote", { authorId: "me" })).toBe(false);
    expect(can(unconfirmed, "comment:upvote", { authorId: "other" })).toBe(false);
  });

  it("refuses blocking clerks, admins and oneself", () => {
    expect(can(clerk, "user:block", { id: "r", roles: ["resident"] })).toBe(true);
    expect(can(clerk, "user:block", { id: "c", roles: ["resident", "clerk"] })).toBe(false);
    expect(can(clerk, "user:block", { id: "a", roles: ["admin"] })).toBe(false);
    expect(can(clerk, "user:block", { id: "me", roles: ["resident"] })).toBe(false);
  });

  it("shows hidden discussions only to staff and their author", () => {
    const hidden = { status: "open", isPublic: true, hidden: true, authorId: "me" };
    expect(can(null, "discussion:read", hidden)).toBe(false);
    expect(can(person(["resident"], { id: "other" }), "discussion:read", hidden)).toBe(false);
    expect(can(resident, "discussion:read", hidden)).toBe(true);
    expect(can(person(["clerk"], { id: "c" }), "discussion:read", hidden)).toBe(true);
    expect(can(null, "discussion:read", { ...hidden, hidden: false })).toBe(true);
  });
});
