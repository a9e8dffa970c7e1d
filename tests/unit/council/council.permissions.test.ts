// The council's permission matrix: only clerks manage meetings and record decisions; only
// councillors write positions; only councillors and clerks brief and read what is internal.
import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema/users.constants";
import "~/kinds";
import { can, type Action, type Actor } from "~/utils/permissions";

const person = (roles: Role[], blocked = false): Actor => ({ id: `p-${roles.join("-")}`, roles, emailVerified: true, blocked });
const people = {
  visitor: null,
  resident: person(["resident"]),
  councillor: person(["councillor"]),
  clerk: person(["clerk"]),
  admin: person(["admin"]),
  blockedClerk: person(["clerk"], true),
} as const;

const matrix: Array<[Action, Array<keyof typeof people>]> = [
  ["meeting:manage", ["clerk"]],
  ["council:record-decision", ["clerk"]],
  ["council:brief", ["councillor", "clerk"]],
  ["council:read-internal", ["councillor", "clerk"]],
  ["council:position", ["councillor"]],
];

describe("the council's permissions", () => {
  it.each(matrix)("%s is allowed to %j and refused to everyone else", (action, allowed) => {
    for (const [who, actor] of Object.entries(people)) {
      expect(can(actor, action as "meeting:manage"), `${who} ${action}`).toBe(allowed.includes(who as keyof typeof people));
    }
  });

  it("shows a public meeting to everyone and a closed one to councillors and clerks only", () => {
    for (const actor of Object.values(people)) expect(can(actor, "meeting:read", { isPublic: true })).toBe(true);
    const closed = Object.entries(people).filter(([, actor]) => can(actor, "meeting:read", { isPublic: false })).map(([who]) => who);
    expect(closed.sort()).toEqual(["clerk", "councillor"]);
  });
});
