import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// The discussions' open data moved to the open data of every kind (/open-data); old links and
// bookmarks land there, in the format they asked for.
export async function loader({ request }: LoaderFunctionArgs) {
  const json = new URL(request.url).searchParams.get("format") === "json";
  return redirect(json ? "/open-data/discussion" : "/open-data/discussion?format=csv", 301);
}
