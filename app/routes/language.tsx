import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/translate";
import { setPreferredLocale } from "~/modules/accounts/accounts.server";
import { getUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { readForm } from "~/utils/forms.server";
import { serializeLocaleCookie } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/redirect";

/** The language switch: sets the cookie, and the person's setting when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const user = await getUser(request);
  if (user && can(user, "profile:edit")) setPreferredLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": serializeLocaleCookie(locale) } });
}

export async function loader() {
  return redirect("/");
}
