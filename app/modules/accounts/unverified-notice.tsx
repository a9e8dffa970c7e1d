import { Form, useLocation } from "@remix-run/react";
import { Alert, Button } from "~/components/ui";
import { useT } from "~/utils/i18n";

/** Shown on every page to a signed-in person whose address is not confirmed yet. */
export function UnverifiedEmailNotice() {
  const { t } = useT();
  const location = useLocation();
  // The page of a confirmation link has its own button: asking for a new link there only confuses.
  if (location.pathname === "/verify-email" && new URLSearchParams(location.search).has("token")) return null;
  return (
    <Alert type="warning" role="status">
      <p className="utrecht-paragraph">{t("auth.verify.notice")}</p>
      <Form method="post" action="/verify-email" className="inspraak-inline-form">
        <input type="hidden" name="intent" value="resend" />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <Button appearance="secondary">{t("auth.verify.resend")}</Button>
      </Form>
    </Alert>
  );
}
