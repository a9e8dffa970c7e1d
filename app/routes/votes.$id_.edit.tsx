import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph } from "~/components/ui";
import { SetupForm } from "~/modules/votes/components/SetupForm";
import { mayEdit, OPTION_ROWS_STEP } from "~/modules/votes/votes.rules";
import { parseVoteSetup, setupRows } from "~/modules/votes/votes.schema";
import { findVote, listOptions, neighbourhoodRanges, updateVote, VOTE_SETUP_MESSAGES, voteSetupValues } from "~/modules/votes/votes.server";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

/** The vote, or a 404 for anyone who may not read it. */
async function voteOr404(request: Request, id: string | undefined) {
  const vote = findVote(db, requireId(id));
  if (!vote || !can(await getUser(request), "vote:read", { ...vote, kind: "vote" })) throw new Response("Not Found", { status: 404 });
  return vote;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const vote = await voteOr404(request, params.id);
  await requireUserWithPermission(request, "vote:edit");
  const options = listOptions(db, vote.id);
  return {
    vote: { id: vote.id, title: vote.title, editable: mayEdit(vote.ballotCount) && vote.status === "open" },
    values: voteSetupValues(vote, options),
    rows: Math.max(options.length, OPTION_ROWS_STEP),
    neighbourhoods: neighbourhoodRanges(db).map((n) => ({ id: n.id, name: n.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const vote = await voteOr404(request, params.id);
  const user = await requireUserWithPermission(request, "vote:edit");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  if (form.get("intent") === "more-rows") return { ok: false as const, errors: undefined, values, rows: setupRows(form) + OPTION_ROWS_STEP };
  const parsed = parseVoteSetup(form, t);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values, rows: setupRows(form) }, { status: 400 });
  const result = updateVote(user, vote.id, parsed.data, { rowOf: parsed.rowOf });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result, VOTE_SETUP_MESSAGES), values, rows: setupRows(form) }, { status: result.reason === "has-ballots" ? 409 : 422 });
  return redirectWithToast(`/votes/${vote.id}`, { type: "success", message: "vote.setup.saved" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("vote.setup.editTitle")} · ${loaded.vote.title}` : null), "vote.setup.editTitle");

export default function EditVote() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.setup.editTitle")}</Heading>
      <Paragraph>{t("vote.setup.intro")}</Paragraph>
      {loaded.vote.editable ? (
        <SetupForm
          key={answer?.rows ?? 0}
          rows={answer?.rows ?? loaded.rows}
          values={answer?.values ?? loaded.values}
          errors={answer?.errors}
          neighbourhoods={loaded.neighbourhoods}
          submitLabel={t("vote.setup.submit")}
        />
      ) : (
        <Alert type="info">{t("vote.error.hasBallots")}</Alert>
      )}
      <Paragraph>
        <Link to={`/votes/${loaded.vote.id}`}>{t("vote.receipt.back")}</Link>
      </Paragraph>
    </div>
  );
}
