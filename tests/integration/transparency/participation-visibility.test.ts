// My participation and the one read rule (issue #13): a kind's own visibility hook has the last
// word on the page, as it has on the topic's page, in search and in open data. A kind registered
// in this test process only ("notice", which no file of the app knows) keeps the notices of one
// author (a service account, say) to that author and staff, though they are public and visible.
import { beforeAll, describe, expect, it } from "vitest";
import type { TopicKind } from "#db/schema";
import { listParticipation, PARTICIPATION_KEY } from "~/modules/topics/participations.server";
import { registerKind, type KindManifest } from "~/modules/topics/topics.kinds";
import { registerKindServer } from "~/modules/topics/topics.kinds.server";
import { followTopic, insertTopic } from "~/modules/topics/topics.server";
import { findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { readCursor } from "~/utils/keyset.server";
import { isStaff } from "~/utils/permissions";
import { createPerson } from "../../support/fixtures";

const NOTICE = "notice" as TopicKind;

const noticeKind: KindManifest = {
  kind: NOTICE,
  path: "/notices",
  label: "topic.kind.discussion",
  navLabel: "nav.discussions",
  permissions: { "notice:read": { allowVisitor: true, check: () => true } },
  staffNav: [],
  comments: { stances: [], closedIn: {} },
  events: {},
  home: { notNews: [], metric: { counter: "commentCount", label: "discussion.list.comments" } },
  // Public and visible to the shared rule, but the restricted author's notices are theirs and staff's only.
  visibility: (actor, topic, shared) => shared && (topic.authorId !== restrictedAuthor || (actor !== null && (isStaff(actor) || actor.id === topic.authorId))),
};
let restrictedAuthor: string | null = null;

beforeAll(() => {
  registerKind(noticeKind);
  registerKindServer({ kind: NOTICE, jobs: [], personalData: { name: "notices", collect: () => [], erasure: [] }, openData: { columns: [], fields: () => new Map(), sources: [] }, seed: () => {}, audience: { hears: ["followers"] } });
});

const newNotice = (title: string, authorId: string | null) =>
  db.transaction((tx) => insertTopic(tx, { kind: NOTICE, title, summary: "Een mededeling", body: "Een mededeling voor de wijk.", authorId, status: "open", isPublic: true }));

describe("My participation reads through each kind's visibility hook", () => {
  it("leaves out what the kind hides from the person, keeps what it shows them, and pages past a left-out row without gaps", async () => {
    const me = await createPerson();
    const restricted = await createPerson();
    const clerk = await createPerson({ roles: ["clerk"] });
    restrictedAuthor = restricted.id;
    const shown = newNotice("Mededeling die iedereen leest", (await createPerson()).id);
    const hidden = newNotice("Mededeling voor weinigen", restricted.id);
    const mine = newNotice("Mijn eigen mededeling", me.id);
    for (const id of [shown, hidden, mine]) followTopic(me.id, id);
    for (const person of [restricted, clerk]) followTopic(person.id, hidden);
    const reader = findSessionUser(me.id)!;

    const titles = (userId: string) => listParticipation(findSessionUser(userId)!, { cursor: null }).rows.map((r) => r.title).sort();
    expect(titles(me.id)).toEqual(["Mededeling die iedereen leest", "Mijn eigen mededeling"]);
    // Its author and staff still find it on their page.
    expect(titles(restricted.id)).toEqual(["Mededeling voor weinigen"]);
    expect(titles(clerk.id)).toEqual(["Mededeling voor weinigen"]);

    // One row a page: the page that held the hidden row is empty but still leads on to the next.
    const seen: string[] = [];
    let cursor: PageCursor | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page = listParticipation(reader, { kind: NOTICE, cursor, size: 1 });
      seen.push(...page.rows.map((r) => r.title));
      if (!page.next) break;
      cursor = readCursor(new URLSearchParams({ after: page.next }), PARTICIPATION_KEY);
    }
    expect(seen.sort()).toEqual(["Mededeling die iedereen leest", "Mijn eigen mededeling"]);
  });
});
