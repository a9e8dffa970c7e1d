import { redirect } from "@remix-run/node";

/**
 * The councillors' list of petitions awaiting the council became the briefing (/council), which
 * shows every kind that goes to the council: old links and bookmarks land on it, filtered to
 * petitions. The briefing checks who may read it.
 */
export function loader() {
  return redirect("/council?kind=petition", 301);
}
