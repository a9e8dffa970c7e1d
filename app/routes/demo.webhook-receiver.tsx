// The demo's receiver of webhooks (demo mode only; a 404 otherwise): a resource route, because a
// delivery is a JSON post from the jobs process that wants a status back, not a page. Opened in a
// browser it sends the visitor to the page of what it received.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { receiveDemoDelivery } from "~/modules/webhooks/webhooks.receiver.server";
import { env } from "~/utils/env.server";

const MAX_BODY = 256 * 1024;

function requireDemo(): void {
  if (!env().DEMO) throw new Response("Not Found", { status: 404 });
}

export async function loader(_args: LoaderFunctionArgs) {
  requireDemo();
  return redirect("/demo/webhook-receiver/received");
}

export async function action({ request }: ActionFunctionArgs) {
  requireDemo();
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return Response.json({ verdict: "malformed" }, { status: 415 });
  const body = await request.text();
  if (body.length > MAX_BODY) return Response.json({ verdict: "malformed" }, { status: 413 });
  const { status, verdict } = receiveDemoDelivery({ headers: request.headers, body, now: new Date() });
  return Response.json({ verdict }, { status, headers: { "Cache-Control": "no-store" } });
}
