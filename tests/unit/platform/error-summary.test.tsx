import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";
import * as root from "~/root";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { ErrorSummary } from "~/components/ui";

async function render(errors: Record<string, string>, locale: "nl" | "en" = "nl", labels: Record<string, string> = { email: "E-mailadres" }) {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale, messages: declaredMessages(locale, routeMessages(root)) }), children: [{ index: true, element: <ErrorSummary errors={errors} labels={labels} /> }] }];
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

  it("shows nothing without errors", async () => {
    expect(await render({})).not.toContain("alert");
  });
});
