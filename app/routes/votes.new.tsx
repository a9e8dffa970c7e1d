import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ui";
import { SetupForm } from "~/modules/votes/components/SetupForm";
import { OPTION_ROWS_STEP } from "~/modules/votes/votes.rules";
import { parseVoteSetup, setupRows } from "~/modules/votes/votes.schema";
import { createVote, neighbourhoodRanges, VOTE_SETUP_MESSAGES } from "~/modules/votes/votes.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { newSubmissionKey, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "vote:create");
  return { submission: newSubmissionKey(), neighbourhoods: neighbourhoodRanges(db).map((n) => ({ id: n.id, name: n.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "vote:create");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  // Four more rows for options: the same form back, with what was typed.
  if (form.get("intent") === "more-rows") return { ok: false as const, errors: undefined, values, rows: setupRows(form) + OPTION_ROWS_STEP };
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return data({ ok: false as const, errors: submission.errors, values, rows: setupRows(form) }, { status: 400 });
  const parsed = parseVoteSetup(form, t);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values, rows: setupRows(form) }, { status: 400 });
  const result = createVote(user, parsed.data, { submissionKey: submission.key, rowOf: parsed.rowOf });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result, VOTE_SETUP_MESSAGES), values, rows: setupRows(form) }, { status: 422 });
  return redirectWithToast(`/votes/${result.topicId}`, { type: "success", message: "vote.setup.created" });
}

export const meta = pageTitle("vote.setup.title");

export default function NewVote() {
  const { submission, neighbourhoods } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.setup.title")}</Heading>
      <Paragraph>{t("vote.setup.intro")}</Paragraph>
      <SetupForm
        key={answer?.rows ?? 0}
        rows={answer?.rows ?? OPTION_ROWS_STEP}
        values={answer?.values ?? {}}
        errors={answer?.errors}
        neighbourhoods={neighbourhoods}
        submission={submission}
        submitLabel={t("vote.setup.submit")}
      />
    </div>
  );
}
