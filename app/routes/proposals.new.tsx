import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, Paragraph, SubmissionKey, SubmitButton } from "~/components/ui";
import { ProposalFields } from "~/modules/proposals/components/ProposalFields";
import { ProposalForm } from "~/modules/proposals/proposals.schema";
import { draftProposal, neighbourhoodOptions, PROPOSAL_REFUSAL_MESSAGES, verordening } from "~/modules/proposals/proposals.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["proposal"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "proposal:create");
  return { submission: newSubmissionKey(), rules: verordening(), neighbourhoods: neighbourhoodOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "proposal:create");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return formFailure(submission);
  const parsed = parseForm(form, ProposalForm, t);
  if (!parsed.ok) return formFailure(parsed);
  // The rate limit counts only a post that makes a new draft, not a repeat of one.
  const result = draftProposal(user, { ...parsed.data, submissionKey: submission.key }, { admit: () => hitRateLimit(RATE_LIMITS.createPerUser, user.id) });
  if (!result.ok) {
    const status = result.reason === "rate-limited" ? 429 : 422;
    return data({ ok: false as const, errors: refusalErrors(t, result, PROPOSAL_REFUSAL_MESSAGES), values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, { status });
  }
  return redirectWithToast(`/proposals/${result.topicId}`, { type: "success", message: "proposal.drafted" });
}

export const meta = pageTitle("proposal.new.title");

export default function NewProposal() {
  const { submission, rules, neighbourhoods } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, number } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("proposal.new.title")}</Heading>
      <Paragraph lead>{t("proposal.new.intro", { threshold: number(rules.threshold), days: rules.supportDays })}</Paragraph>
      <Paragraph>{t(rules.whoMaySupport === "verified-residents" ? "proposal.rules.verifiedOnly" : "proposal.rules.anyAccount", { age: rules.minimumAge })}</Paragraph>
      <section aria-labelledby="excluded-heading" className="inspraak-section">
        <Heading level={2} id="excluded-heading">
          {t("proposal.excluded.heading")}
        </Heading>
        <Paragraph>{t("proposal.excluded.intro")}</Paragraph>
        <ul>
          {rules.excludedSubjects.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary
        errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined}
        labels={{ title: t("proposal.field.title"), decision: t("proposal.field.decision"), reasons: t("proposal.field.reasons"), neighbourhoodId: t("proposal.field.neighbourhood") }}
      />
      <Form method="post" className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <ProposalFields values={values} errors={errors} neighbourhoods={neighbourhoods} />
        <Paragraph>{t("proposal.new.draftHint")}</Paragraph>
        <SubmitButton>{t("proposal.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
