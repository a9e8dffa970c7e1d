import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";
import * as root from "~/root";
import * as page from "~/routes/discussions.$id";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { CommentSection } from "~/modules/participation/components/CommentSection";
import type { CommentNode, CommentThread } from "~/modules/participation/comments.types";

function node(over: Partial<CommentNode>): CommentNode {
  return {
    id: 1,
    parentId: null,
    depth: 0,
    state: "visible",
    authorName: "Anna",
    byViewer: false,
    byCouncillor: false,
    bodyHtml: "<p>Hallo</p>",
    body: null,
    stance: null,
    upvoteCount: 0,
    upvotedByViewer: false,
    flaggedByViewer: false,
    createdAt: "2025-03-01T12:00:00.000Z",
    editedAt: null,
    can: { reply: true, edit: false, delete: false, upvote: true, flag: true },
    replies: [],
    moreRepliesHref: null,
    ...over,
  };
}

function thread(over: Partial<CommentThread>): CommentThread {
  return {
    topicId: 7,
    topicPath: "/petitions/7",
    returnTo: "/petitions/7",
    opened: null,
    sort: "oldest",
    page: 1,
    pages: 1,
    commentCount: 1,
    comments: [],
    focus: null,
    viewer: { signedIn: true, canComment: true, refusal: null, refusalParams: null, mustVerifyEmail: false },
    stances: [],
    limits: { bodyMax: 5000, noteMax: 500, maxDepth: 2, editWindowMinutes: 15 },
    ...over,
  };
}

async function render(t: CommentThread, locale: "nl" | "en" = "en") {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale, messages: declaredMessages(locale, [...routeMessages(root), ...routeMessages(page)]) }), children: [{ index: true, element: <CommentSection thread={t} topicId={t.topicId} /> }] }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw context;
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

describe("<CommentSection>", () => {
  it("marks a councillor's comment with the 'raadslid' badge, and no one else's", async () => {
    const html = await render(thread({ comments: [node({ id: 1, authorName: "Raadslid Bos", byCouncillor: true }), node({ id: 2, authorName: "Anna" })] }), "nl");
    expect(html.match(/>raadslid</g)).toHaveLength(1);
    const anna = html.slice(html.indexOf("comment-2"));
    expect(anna).not.toContain(">raadslid<");
  });

  it("renders names as text, so markup in a display name stays inert", async () => {
    const html = await render(thread({ comments: [node({ authorName: `<img src=x onerror="alert(1)">` })] }));
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("posts every form to /topics/:id/comments with an intent, and shows the stance only where the kind offers stances", async () => {
    const t = thread({ comments: [node({ stance: "for" })] });
    const plain = await render(t);
    expect(plain).toContain('action="/topics/7/comments"');
    expect(plain).toContain('name="intent" value="post"');
    expect(plain).toContain('name="intent" value="upvote"');
    expect(plain).not.toContain('name="stance"');
    expect(plain).not.toContain(">For<");
    const withStance = await render({ ...t, stances: ["for", "against"] });
    expect(withStance).toContain('name="stance"');
    expect(withStance).toContain(">For<");
    // Either "no position" or "neutral", never both; only the stances offered.
    expect(withStance).toContain(">No position<");
    expect(withStance).toContain('value="against"');
    expect(withStance).not.toContain('value="neutral"');
  });

  it("shows placeholders for hidden and deleted comments and keeps their replies", async () => {
    const html = await render(
      thread({
        comments: [
          node({ id: 1, state: "hidden", authorName: null, bodyHtml: "", replies: [node({ id: 2, parentId: 1, depth: 1, bodyHtml: "<p>antwoord</p>" })] }),
          node({ id: 3, state: "deleted", authorName: null, bodyHtml: "" }),
        ],
      }),
    );
    expect(html).toContain("This comment was hidden by moderation.");
    expect(html).toContain("This comment was deleted by its author.");
    expect(html).toContain("antwoord");
    expect(html).toContain('id="comment-2"');
  });

  it("opens one reply form under the comment in focus, with unique ids", async () => {
    const html = await render(thread({ comments: [node({ id: 5 })], focus: { mode: "reply", commentId: 5 } }));
    expect(html).toContain('id="comment-5-form"');
    expect(html).toContain('name="parentId" value="5"');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it("tells visitors to sign in and others why they cannot comment", async () => {
    const visitor = await render(thread({ viewer: { signedIn: false, canComment: false, refusal: null, refusalParams: null, mustVerifyEmail: false } }), "nl");
    expect(visitor).toContain("Log in om te reageren");
    expect(visitor).toContain("/sign-in?redirectTo=%2Fpetitions%2F7");
    const locked = await render(thread({ viewer: { signedIn: true, canComment: false, refusal: "comment.error.topicLocked", refusalParams: null, mustVerifyEmail: false } }));
    expect(locked).toContain("Commenting on this topic has been closed by moderation.");
    expect(locked).not.toContain('value="post"');
  });

  it("tells a person without a confirmed address why they cannot support or report comments", async () => {
    const comments = [node({ can: { reply: true, edit: false, delete: false, upvote: false, flag: false }, upvoteCount: 2 })];
    const unverified = await render(thread({ comments, viewer: { signedIn: true, canComment: true, refusal: null, refusalParams: null, mustVerifyEmail: true } }));
    expect(unverified).toContain("then you can support and report comments");
    expect(unverified).not.toContain('value="upvote"');
    expect(unverified).not.toContain("report=1");
    expect(unverified).toContain("Supported 2 times");
    const verified = await render(thread({ comments: [node({})] }));
    expect(verified).not.toContain("then you can support and report comments");
  });
});
