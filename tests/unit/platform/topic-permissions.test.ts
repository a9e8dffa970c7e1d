import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema/users";
import { can, type Actor } from "~/utils/permissions";

const person = (id: string, roles: Role[] = ["resident"]): Actor => ({ id, roles, emailVerified: true, blocked: false });
const topic = (over: Partial<{ isPublic: boolean; hidden: boolean; authorId: string | null }> = {}) => ({ isPublic: true, hidden: false, authorId: "author", ...over });

describe("the one read rule of a topic of any kind (topic:read, petition:read, discussion:read)", () => {
  it.each([
    ["a visitor", null, topic(), true],
    ["a visitor", null, topic({ hidden: true }), false],
    ["a visitor", null, topic({ isPublic: false }), false],
    ["a resident", person("someone"), topic({ hidden: true }), false],
    ["a resident", person("someone"), topic({ isPublic: false }), false],
    ["its author", person("author"), topic({ hidden: true }), true],
    ["its author", person("author"), topic({ isPublic: false, authorId: "author" }), true],
    ["a clerk", person("clerk", ["clerk"]), topic({ hidden: true }), true],
    ["an admin", person("admin", ["admin"]), topic({ hidden: true }), true],
    ["a councillor", person("raadslid", ["councillor"]), topic({ hidden: true }), false],
    ["a clerk", person("clerk", ["clerk"]), topic({ isPublic: false }), true],
  ] as const)("%s: %j -> %s", (_who, actor, resource, allowed) => {
    expect(can(actor, "topic:read", resource)).toBe(allowed);
    // The same rule whatever the kind: a hidden petition's author reads it as a hidden discussion's does.
    expect(can(actor, "petition:read", resource)).toBe(allowed);
    expect(can(actor, "discussion:read", resource)).toBe(allowed);
  });
});
