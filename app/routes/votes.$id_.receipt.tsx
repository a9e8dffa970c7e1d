import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph } from "~/components/ui";
import { ballotByCode } from "~/modules/votes/votes.ballots.server";
import { groupedBallotCode } from "~/modules/votes/votes.rules";
import { getVote, listOptions } from "~/modules/votes/votes.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { peekToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

/**
 * The receipt, shown once: the code comes in the one-time message cookie the casting set (the root
 * loader clears it with this very response), so a reload shows that they voted but not the code.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUser(request);
  const vote = getVote(id, user);
  if (!vote) throw new Response("Not Found", { status: 404 });
  const toast = await peekToast(request);
  const code = toast?.message === "vote.receipt.toast" && typeof toast.params?.code === "string" ? toast.params.code : null;
  const chosen = code && vote.votedOn ? ballotByCode(db, id, code) : null;
  const titles = new Map(listOptions(db, id).map((o) => [o.id, o.title]));
  return {
    vote: { id: vote.id, title: vote.title, votedOn: vote.votedOn },
    receipt: chosen && code ? { code: groupedBallotCode(code), choices: chosen.map((o) => titles.get(o) ?? String(o)) } : null,
  };
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("vote.receipt.title")} · ${loaded.vote.title}` : null), "vote.receipt.title");

export default function Receipt() {
  const { vote, receipt } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.receipt.title")}</Heading>
      {receipt ? (
        <>
          <Paragraph>{t("vote.receipt.intro", { title: vote.title })}</Paragraph>
          <p className="utrecht-paragraph inspraak-ballot-code" data-testid="ballot-code">
            {receipt.code}
          </p>
          <Paragraph>{t("vote.receipt.keep")}</Paragraph>
          <Heading level={2}>{t("vote.receipt.content")}</Heading>
          <ul className="inspraak-vote-options">
            {receipt.choices.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <Alert type="info">{t("vote.receipt.gone")}</Alert>
      )}
      <Paragraph>
        <Link to={`/votes/${vote.id}`}>{t("vote.receipt.back")}</Link>
      </Paragraph>
    </div>
  );
}
