// The parts every topic page shares: timeline, "what happened / what happens next", follow button.
import { Form } from "@remix-run/react";

import { daysOverdue, isOverdue } from "~/modules/topics/topics.rules";
import { useT } from "~/utils/i18n";
import { Button, Heading, Paragraph, RichText, StatusBadge } from "./ui";

export interface TimelineEvent {
  id: number;
  type: string;
  /** Its words from the event catalogue; null for a type no catalogue declares. */
  message: string | null;
  data: Record<string, unknown>;
  createdAt: string | Date;
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="timeline-heading" className="inspraak-section">
      <Heading level={2} id="timeline-heading">
        {t("topic.timeline")}
      </Heading>
      {events.length === 0 ? (
        <Paragraph>{t("topic.timeline.empty")}</Paragraph>
      ) : (
        <ol className="inspraak-timeline">
          {events.map((event) => {
            const key = event.message;
            const params = Object.fromEntries(
              Object.entries(event.data).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number"),
            );
            if (typeof params.reason === "string" && t.has(params.reason)) params.reason = t(params.reason);
            return (
              <li key={event.id} className="inspraak-timeline__item">
                <time dateTime={new Date(event.createdAt).toISOString()} className="inspraak-timeline__date">
                  {date(event.createdAt)}
                </time>{" "}
                <span>{key && t.has(key) ? t(key, params) : event.type}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export interface OutcomeBlockData {
  outcomes: Array<{ id: number; type: string; result: string | null; bodyHtml: string; responsibleBody: string | null; decidedAt: string | Date }>;
  nextSteps: Array<{ id: number; description: string; responsibleBody: string | null; dueAt: string | Date | null; status: "planned" | "in-progress" | "done" }>;
}

/** "What happened" and "what happens next": the loop back to everyone who took part. */
export function OutcomeBlock({ block, now = Date.now() }: { block: OutcomeBlockData; now?: number }) {
  const { t, date } = useT();
  if (block.outcomes.length === 0 && block.nextSteps.length === 0) return null;
  return (
    <section aria-labelledby="outcome-heading" className="inspraak-section inspraak-outcome">
      <Heading level={2} id="outcome-heading">
        {t("topic.outcome")}
      </Heading>
      {block.outcomes.map((outcome) => {
        const typeKey = `outcome.type.${outcome.type}`;
        const resultKey = `timeline.decision.${outcome.result}`;
        return (
          <article key={outcome.id} className="inspraak-outcome__item">
            <Heading level={3}>
              {t.has(typeKey) ? t(typeKey) : outcome.type}
              {t.has(resultKey) ? `: ${t(resultKey)}` : null} · <time dateTime={new Date(outcome.decidedAt).toISOString()}>{date(outcome.decidedAt)}</time>
            </Heading>
            {outcome.responsibleBody ? <Paragraph>{t("topic.responsibleBody", { body: outcome.responsibleBody })}</Paragraph> : null}
            <RichText html={outcome.bodyHtml} />
          </article>
        );
      })}
      <Heading level={3}>{t("topic.nextSteps")}</Heading>
      {block.nextSteps.length === 0 ? (
        <Paragraph>{t("topic.nextSteps.empty")}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {block.nextSteps.map((step) => {
            const overdue = isOverdue({ status: step.status, dueAt: step.dueAt ? new Date(step.dueAt) : null }, new Date(now));
            return (
              <li key={step.id} className="utrecht-unordered-list__item">
                {step.description}{" "}
                <StatusBadge tone={step.status === "done" ? "success" : overdue ? "danger" : "neutral"}>
                  {t(`topic.nextStep.status.${step.status}`)}
                </StatusBadge>
                {step.dueAt ? (
                  <span className={overdue ? "inspraak-overdue" : undefined}>
                    {" "}
                    {t(overdue ? "topic.nextStep.overdue" : "topic.nextStep.due", { date: date(step.dueAt) })}
                    {overdue ? ` (${t("topic.nextStep.overdueDays", { count: daysOverdue({ status: step.status, dueAt: new Date(step.dueAt) }, new Date(now)) ?? 0 })})` : null}
                  </span>
                ) : null}
                {step.responsibleBody ? <> · {t("topic.responsibleBody", { body: step.responsibleBody })}</> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Follow / unfollow as a plain form posting to /topics/:id/follow. */
export function FollowButton({ topicId, following }: { topicId: number; following: boolean }) {
  const { t } = useT();
  return (
    <Form method="post" action={`/topics/${topicId}/follow`} className="inspraak-inline-form">
      <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
      <Button appearance="secondary">{following ? t("topic.unfollow") : t("topic.follow")}</Button>
    </Form>
  );
}
