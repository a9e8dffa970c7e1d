import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ButtonGroup, Cell, ErrorSummary, Heading, Paragraph, RowHeader, Table, TableRow, TextArea, TextField } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { TextAreaField } from "~/modules/participation/components/fields";
import { ModerationNav } from "~/modules/participation/components/ModerationNav";
import { BlockIntentSchema, BlockPageQuery, BlockSchema } from "~/modules/participation/moderation.schema";
import { MODERATION_REASON_MAX } from "~/modules/participation/moderation.rules";
import { blockUser, findPersonToBlock, listBlockedPeople, previewBlock, unblockUser } from "~/modules/participation/blocks.server";
import { MODERATION_REFUSAL_MESSAGES } from "~/modules/participation/moderation.refusals";
import { requireUserWithPermission } from "~/utils/auth.server";
import { parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalMessage } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "user:block");
  const query = BlockPageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const searched = Boolean(query.user || query.email);
  const person = searched ? findPersonToBlock(user, { userId: query.user, email: query.email }) : null;
  return { blocked: listBlockedPeople(), person, searched, email: query.email ?? "", today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "user:block");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const head = parseForm(form, BlockIntentSchema, t);
  if (!head.ok) return data({ ok: false as const, intent: null, userId: null, message: t("form.unknownIntent"), errors: {}, values: {} }, { status: 400 });
  const userId = String(form.get("userId") ?? "");
  const parsed = parseForm(form, BlockSchema, t);
  if (!parsed.ok) return data({ ok: false as const, intent: head.data.intent, userId, message: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "preview") {
    const values = { reason: String(form.get("reason") ?? ""), until: String(form.get("until") ?? "") };
    const previewed = previewBlock(user, input.userId, input.until ?? null);
    if (previewed.ok) {
      return data({ ok: true as const, intent: "preview" as const, userId, preview: previewed.preview, message: null, errors: {}, values });
    }
    return data(
      { ok: false as const, intent: "block" as const, userId, message: t(refusalMessage(previewed, MODERATION_REFUSAL_MESSAGES)), errors: {}, values },
      { status: previewed.reason === "user-not-found" ? 404 : 422 },
    );
  }
  const result =
    input.intent === "block"
      ? blockUser(user, { userId: input.userId, reason: input.reason, until: input.until ?? null })
      : unblockUser(user, { userId: input.userId, reason: input.reason });
  if (!result.ok) {
    const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    return data(
      { ok: false as const, intent: input.intent, userId, message: t(refusalMessage(result, MODERATION_REFUSAL_MESSAGES)), errors: {}, values },
      { status: result.reason === "user-not-found" ? 404 : 422 },
    );
  }
  return redirectWithToast("/moderation/blocks", { type: "success", message: input.intent === "block" ? "moderation.blocks.blocked" : "moderation.blocks.unblocked" });
}

export const meta = pageTitle("moderation.blocks.title");

export default function Blocks() {
  const { blocked, person, searched, email, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date } = useT();
  const blockFailure = failure && !failure.ok && (failure.intent === "block" || failure.intent === null) ? failure : undefined;
  const preview = failure?.ok && failure.intent === "preview" && failure.userId === person?.id ? failure : undefined;
  const blockValues = preview?.values ?? blockFailure?.values;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("moderation.blocks.title")}</Heading>
      <ModerationNav moderate />
      <Paragraph>{t("moderation.blocks.intro")}</Paragraph>

      <Form method="get" className="inspraak-form" role="search">
        <TextField name="email" type="email" label={t("moderation.blocks.find")} defaultValue={email} autoComplete="off" />
        <Button appearance="secondary">{t("moderation.blocks.findSubmit")}</Button>
      </Form>
      {searched && !person ? <Alert type="info">{t("moderation.blocks.notFound")}</Alert> : null}

      {person ? (
        <section aria-labelledby="block-heading" className="inspraak-stack">
          <Heading level={2} id="block-heading">
            {t("moderation.blocks.formTitle", { name: person.name })}
          </Heading>
          {person.blocked ? (
            <Alert type="info">{t("moderation.blocks.isBlocked", { name: person.name })}</Alert>
          ) : !person.mayBlock ? (
            <Alert type="info">{t("moderation.blocks.cannotBlock", { name: person.name })}</Alert>
          ) : (
            <>
            {preview ? (
              <section aria-labelledby="block-preview-heading" className="inspraak-stack">
                <Heading level={3} id="block-preview-heading">
                  {t("moderation.blocks.preview.title", { name: person.name })}
                </Heading>
                <ul className="utrecht-unordered-list">
                  <li className="utrecht-unordered-list__item">{t("moderation.blocks.preview.stops")}</li>
                  <li className="utrecht-unordered-list__item">
                    {t("moderation.blocks.preview.comments", { count: preview.preview.commentsHidden, topics: preview.preview.commentTopics })}
                  </li>
                  <li className="utrecht-unordered-list__item">{t("moderation.blocks.preview.topicsStay", { count: preview.preview.topicsStaying })}</li>
                  {preview.preview.topicsUnpublished > 0 ? (
                    <li className="utrecht-unordered-list__item">{t("moderation.blocks.preview.unpublished", { count: preview.preview.topicsUnpublished })}</li>
                  ) : null}
                  <li className="utrecht-unordered-list__item">
                    {preview.values.until ? t("moderation.blocks.preview.until", { date: date(`${preview.values.until}T00:00:00Z`) }) : t("moderation.blocks.preview.noEnd")}
                  </li>
                </ul>
                <Form method="post">
                  <input type="hidden" name="intent" value="block" />
                  <input type="hidden" name="userId" value={person.id} />
                  <input type="hidden" name="reason" value={preview.values.reason ?? ""} />
                  <input type="hidden" name="until" value={preview.values.until ?? ""} />
                  <ButtonGroup>
                    <Button>{t("moderation.blocks.confirm", { name: person.name })}</Button>
                  </ButtonGroup>
                </Form>
                <Paragraph>{t("moderation.blocks.preview.change")}</Paragraph>
              </section>
            ) : null}
            <Form method="post" className="inspraak-form" noValidate>
              {blockFailure?.message ? <Alert type="error">{blockFailure.message}</Alert> : null}
              <ErrorSummary errors={blockFailure?.errors} labels={{ reason: t("moderation.blocks.reason"), until: t("moderation.blocks.until") }} />
              <input type="hidden" name="intent" value="preview" />
              <input type="hidden" name="userId" value={person.id} />
              <TextArea
                name="reason"
                label={t("moderation.blocks.reason")}
                error={blockFailure?.errors.reason}
                defaultValue={blockValues?.reason}
                maxLength={MODERATION_REASON_MAX}
                rows={3}
                aria-required
              />
              <TextField
                name="until"
                type="date"
                label={t("moderation.blocks.until")}
                description={t("moderation.blocks.untilHint")}
                error={blockFailure?.errors.until}
                defaultValue={blockValues?.until}
                min={today}
                optional
              />
              <Button appearance={preview ? "secondary" : "primary"}>{t("moderation.blocks.previewSubmit")}</Button>
            </Form>
            </>
          )}
        </section>
      ) : null}

      <section aria-labelledby="blocked-heading" className="inspraak-stack">
        <Heading level={2} id="blocked-heading">
          {t("moderation.blocks.current")}
        </Heading>
        {blocked.length === 0 ? (
          <Paragraph>{t("moderation.blocks.none")}</Paragraph>
        ) : (
          <Table
            caption={t("moderation.blocks.caption")}
            columns={[
              t("moderation.blocks.col.name"),
              t("moderation.blocks.col.since"),
              t("moderation.blocks.col.until"),
              t("moderation.blocks.col.reason"),
              t("moderation.blocks.col.action"),
            ]}
          >
            {blocked.map((b) => {
              const mine = failure && !failure.ok && failure.intent === "unblock" && failure.userId === b.id ? failure : undefined;
              return (
                <TableRow key={b.id}>
                  <RowHeader>{b.name}</RowHeader>
                  <Cell>{date(b.blockedAt)}</Cell>
                  <Cell>{b.blockedUntil ? date(b.blockedUntil) : t("moderation.blocks.noEnd")}</Cell>
                  <Cell>{b.reason}</Cell>
                  <Cell>
                    <Form method="post">
                      {mine?.message ? <Alert type="error">{mine.message}</Alert> : null}
                      <input type="hidden" name="intent" value="unblock" />
                      <input type="hidden" name="userId" value={b.id} />
                      <TextAreaField
                        id={`unblock-${b.id}-reason`}
                        name="reason"
                        label={t("moderation.blocks.unblockReason", { name: b.name })}
                        error={mine?.errors.reason}
                        maxLength={MODERATION_REASON_MAX}
                        rows={2}
                        aria-required
                      />
                      <Button appearance="secondary">{t("moderation.blocks.unblockSubmit")}</Button>
                    </Form>
                  </Cell>
                </TableRow>
              );
            })}
          </Table>
        )}
      </section>
    </div>
  );
}
