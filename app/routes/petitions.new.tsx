import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ui";
import { PetitionFormFields } from "~/modules/petitions/components/petition-form";
import { PetitionForm } from "~/modules/petitions/petitions.schema";
import { createPetition, deadlineRefusal } from "~/modules/petitions/petitions.lifecycle.server";
import { neighbourhoodOptions } from "~/modules/petitions/petitions.queries.server";
import { getSetting } from "~/modules/settings/settings.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalErrors } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["petition"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "petition:create");
  // A fresh key per page: both clicks of a double click carry it, and make one draft.
  return { neighbourhoods: neighbourhoodOptions(), durationDays: getSetting("petitionDurationDays"), submission: newSubmissionKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "petition:create");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return formFailure(submission);
  const parsed = parseForm(form, PetitionForm, t);
  if (!parsed.ok) {
    const deadline = parsed.errors.deadline ? null : deadlineRefusal(form.get("deadline"));
    return formFailure(deadline ? { ...parsed, errors: { ...parsed.errors, deadline: t(deadline) } } : parsed);
  }
  const result = createPetition(user, { ...parsed.data, submissionKey: submission.key });
  if (!result.ok) {
    const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
    return formFailure({ errors: refusalErrors(t, result), values }, result.reason === "form.rateLimited" ? 429 : 422);
  }
  return redirectWithToast(`/petitions/${result.topicId}`, { type: "success", message: "petition.draft.saved" });
}

export const meta = pageTitle("petition.new.title");

export default function NewPetition() {
  const { neighbourhoods, durationDays, submission } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const v = actionData?.values ?? {};
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("petition.new.title")}</Heading>
      <Paragraph lead>{t("petition.new.intro")}</Paragraph>
      <PetitionFormFields
        values={{ title: v.title ?? "", request: v.request ?? "", background: v.background ?? "", neighbourhoodId: v.neighbourhoodId ?? "", deadline: v.deadline ?? "" }}
        errors={actionData?.errors}
        neighbourhoods={neighbourhoods}
        durationDays={durationDays}
        submitLabel={t("petition.new.save")}
        submission={submission}
      />
    </div>
  );
}
