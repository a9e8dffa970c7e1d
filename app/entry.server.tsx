import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { RootFallbackProvider, type RootMessages } from "~/utils/i18n";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";
import { getLocale } from "~/utils/locale.server";

export { boot } from "~/boot.server";
export { registerRoutes } from "~/i18n/pages.server";
export { answerFast, fastRouteFor, isCrossSite, logRequest, newNonce, PLAIN_BODIES, securityHeaders, takesJsonPosts, waitForWriteTurn } from "~/utils/http.server";

const ABORT_DELAY = 5_000;

/** The shell's language and messages when an error reached the root before its loader ran. */
async function rootFallback(request: Request, remixContext: EntryContext): Promise<RootMessages | null> {
  if (remixContext.staticHandlerContext.loaderData.root != null) return null;
  const root = remixContext.routeModules.root;
  const locale = await getLocale(request).catch(() => "nl" as const);
  return { locale, messages: declaredMessages(locale, root ? routeMessages(root) : []) };
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.nonce === "string" ? loadContext.nonce : "";
  const fallback = await rootFallback(request, remixContext);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RootFallbackProvider value={fallback}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RootFallbackProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
