import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema/users";
import { applyRoleChange, roleChangeRefusal, type RoleChange } from "~/modules/accounts/roles.rules";

describe("who may change which role", () => {
  const cases: Array<[string, string, Role, RoleChange, ReturnType<typeof roleChangeRefusal>]> = [
    ["me", "me", "admin", "revoke", "own-admin"],
    ["me", "me", "admin", "assign", null],
    ["me", "me", "clerk", "revoke", null],
    ["me", "other", "admin", "revoke", null],
    ["me", "other", "resident", "assign", null],
  ];
  it.each(cases)("actor %s on %s: %s %s -> %s", (actorId, targetId, role, kind, expected) => {
    expect(roleChangeRefusal({ actorId, targetId, role, kind })).toBe(expected);
  });
});

describe("the roles after a change", () => {
  it.each([
    [["resident"], "clerk", "assign", ["clerk", "resident"]],
    [["clerk", "resident"], "clerk", "assign", ["clerk", "resident"]],
    [["clerk", "resident"], "clerk", "revoke", ["resident"]],
    [["resident"], "admin", "revoke", ["resident"]],
  ] as Array<[Role[], Role, RoleChange, Role[]]>)("%j %s %s -> %j", (current, role, kind, expected) => {
    expect(applyRoleChange(current, role, kind)).toEqual(expected);
  });
});
