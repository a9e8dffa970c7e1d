import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Paragraph, Cell, RowHeader, Table, TableRow } from "~/components/ui";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { SHARED_COLUMNS } from "~/modules/topics/topics.opendata.server";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { requirePermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["openData"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "open-data:read");
  return {
    kinds: registeredKinds().map((k) => ({
      kind: k.kind,
      label: k.navLabel,
      columns: [...SHARED_COLUMNS, ...kindServerManifest(k.kind).openData.columns],
    })),
  };
}

export const meta = pageTitle("openData.title");

export default function OpenData() {
  const { kinds } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <article className="inspraak-stack">
      <Heading level={1}>{t("openData.title")}</Heading>
      <Paragraph>{t("openData.intro")}</Paragraph>
      <Paragraph>{t("openData.paging")}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href="/api">
          {t("openData.apiLink")}
        </a>
      </Paragraph>
      <Table caption={t("openData.caption")} columns={[t("openData.kind"), t("openData.json"), t("openData.csv"), t("openData.fields")]}>
        {kinds.map((k) => (
          <TableRow key={k.kind}>
            <RowHeader>{t(k.label)}</RowHeader>
            <Cell>
              <a className="utrecht-link" href={`/open-data/${k.kind}`}>
                {t("openData.jsonLink", { kind: t(k.label) })}
              </a>
            </Cell>
            <Cell>
              <a className="utrecht-link" href={`/open-data/${k.kind}?format=csv`} download>
                {t("openData.csvLink", { kind: t(k.label) })}
              </a>
            </Cell>
            <Cell>
              <code>{k.columns.join(", ")}</code>
            </Cell>
          </TableRow>
        ))}
      </Table>
    </article>
  );
}
