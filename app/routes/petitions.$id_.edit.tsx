import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph } from "~/components/ui";
import { PetitionFormFields } from "~/modules/petitions/components/petition-form";
import { localDay } from "~/utils/local-time";
import { PetitionForm } from "~/modules/petitions/petitions.schema";
import { updatePetition, deadlineRefusal } from "~/modules/petitions/petitions.lifecycle.server";
import { neighbourhoodOptions } from "~/modules/petitions/petitions.queries.server";
import { findPetition, petitionResource } from "~/modules/petitions/petitions.server";
import { getSetting } from "~/modules/settings/settings.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalErrors } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["petition"] };

/** The draft; someone who may not even read it gets a 404, someone who may read but not edit a 403. */
async function loadDraft(request: Request, idParam: string | undefined) {
  const petition = findPetition(requireId(idParam));
  if (!petition || !can(await getUser(request), "petition:read", petitionResource(petition))) {
    await requireUser(request);
    throw new Response("Not Found", { status: 404 });
  }
  const user = await requireUser(request);
  if (!can(user, "petition:edit", petitionResource(petition))) {
    // The petitioner, back on the edit page after submitting (an old tab, the back button): tell
    // them it went in, rather than a bare refusal.
    if (petition.authorId === user.id && petition.status !== "draft" && !user.blocked) {
      throw await redirectWithToast(`/petitions/${petition.id}`, { type: "info", message: "petition.edit.alreadySubmitted" });
    }
    throw new Response("Forbidden", { status: 403 });
  }
  return { petition, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { petition: p } = await loadDraft(request, params.id);
  return {
    id: p.id,
    values: {
      title: p.title,
      request: p.request,
      background: p.body,
      neighbourhoodId: p.neighbourhoodId ? String(p.neighbourhoodId) : "",
      deadline: p.requestedClosesAt ? localDay(p.requestedClosesAt) : "",
    },
    neighbourhoods: neighbourhoodOptions(),
    durationDays: getSetting("petitionDurationDays"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { petition, user } = await loadDraft(request, params.id);
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, PetitionForm, t);
  if (!parsed.ok) {
    const deadline = parsed.errors.deadline ? null : deadlineRefusal(form.get("deadline"));
    return formFailure(deadline ? { ...parsed, errors: { ...parsed.errors, deadline: t(deadline) } } : parsed);
  }
  const result = updatePetition(user, petition.id, parsed.data);
  if (!result.ok) {
    const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
    return formFailure({ errors: refusalErrors(t, result), values }, 422);
  }
  return redirectWithToast(`/petitions/${petition.id}`, { type: "success", message: "petition.draft.saved" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("petition.edit.title")} · ${loaded.values.title}` : null), "petition.edit.title");

export default function EditPetition() {
  const { id, values, neighbourhoods, durationDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const v = actionData?.values;
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/petitions/${id}`}>{t("petition.edit.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("petition.edit.title")}</Heading>
      <PetitionFormFields
        values={v ? { title: v.title ?? "", request: v.request ?? "", background: v.background ?? "", neighbourhoodId: v.neighbourhoodId ?? "", deadline: v.deadline ?? "" } : values}
        errors={actionData?.errors}
        neighbourhoods={neighbourhoods}
        durationDays={durationDays}
        submitLabel={t("petition.edit.save")}
      />
    </div>
  );
}
