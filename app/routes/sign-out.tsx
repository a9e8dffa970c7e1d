import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";
import { redirectWithToast } from "~/utils/toast.server";

// Signing out changes state, so it is a POST (the button in the header); a GET only goes home.
export async function action({ request }: ActionFunctionArgs) {
  const clear = await endSession(request);
  return redirectWithToast("/", { type: "info", message: "auth.signOut.done" }, { headers: { "Set-Cookie": clear } });
}

export async function loader() {
  return redirect("/");
}
