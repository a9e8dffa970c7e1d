import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";
import * as root from "~/root";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { ErrorSummary } from "~/components/ui";

async function render(
  errors: Record<string, string>,
  locale: "nl" | "en" = "nl",
  labels: Record<string, string> = { email: "E-mailadres" },
  own?: { ids: Record<string, string>; headingId: string },
) {
  const element = <ErrorSummary errors={errors} labels={labels} ids={own?.ids} headingId={own?.headingId} />;
  const routes = [{ id: "root", path: "/", loader: () => ({ locale, messages: declaredMessages(locale, routeMessages(root)) }), children: [{ index: true, element }] }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw context;
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}

describe("<ErrorSummary>", () => {
  it("calls field problems a filling-in mistake and links each to its field", async () => {
    const html = await render({ email: "Vul een geldig e-mailadres in.", form: "Nog iets." });
    expect(html).toContain("Er is iets niet goed ingevuld");
    expect(html).toContain('href="#field-email"');
  });

  it("does not call a refusal of the whole form (a limit, a changed state) a typing mistake", async () => {
    expect(await render({ form: "U heeft dit te vaak geprobeerd." })).toContain("Dit is niet gelukt");
    expect(await render({ form: "Too many attempts." }, "en")).toContain("That did not work");
    expect(await render({ form: "Too many attempts." }, "en")).not.toContain("filled in");
  });

  it("prints each label without its own punctuation before the message", async () => {
    const html = (await render({ request: "Vul dit veld in.", name: "Vul dit veld in." }, "nl", { request: "Wat moet de gemeente doen?", name: "Naam:" })).replace(/<!-- -->/g, "");
    expect(html).toContain("Wat moet de gemeente doen: Vul dit veld in.");
    expect(html).toContain("Naam: Vul dit veld in.");
    expect(html).not.toContain("doen?:");
  });

  it("links to the ids a page with several forms gave its fields, under a heading of its own", async () => {
    const html = await render({ body: "Schrijf een reactie.", stance: "Kies een standpunt." }, "nl", {}, { ids: { body: "reply-12-body" }, headingId: "reply-12-errors" });
    expect(html).toContain('href="#reply-12-body"');
    expect(html).toContain('id="reply-12-errors"');
    expect(html).toContain('aria-labelledby="reply-12-errors"');
    // A field the page gave no id is named, not linked to an element that is not there.
    expect(html).not.toContain('href="#field-stance"');
    expect(html).toContain("Kies een standpunt.");
  });

  it("shows nothing without errors", async () => {
    expect(await render({})).not.toContain("alert");
  });
});
