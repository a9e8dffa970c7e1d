// Supporting an agenda proposal through the shared support primitive: the support module keeps the
// rows (`supports`), the counts, the threshold, the mailings and the anonymisation, and answers the
// one-click post alike on the fast path in front of Remix (POST /proposals/:id/support), through
// the route proposals.$id_.support.tsx and the page's form. This module says who may, when, how
// much is needed and what reaching it does.
import { eq } from "drizzle-orm";
import { COUNCIL_OUTCOME_TYPE, topics } from "#db/schema";
import { topicSupportPolicy, type SupportedTopic, type TopicSupportSpec } from "~/modules/support/support.topics.server";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { getSetting } from "~/modules/settings/settings.server";
import { INELIGIBLE_SUPPORT, ineligibleReason } from "./proposals.eligibility.server";
import { reachProposalThreshold, thresholdOf } from "./proposals.server";

/** Taking support now: collecting, and its window has not ended (the expiry job may not have run yet). */
export const isCollecting = (topic: Pick<SupportedTopic, "status" | "closesAt">, now: Date) =>
  topic.status === "collecting" && topic.closesAt !== null && topic.closesAt.getTime() > now.getTime();

export const proposalSupportSpec: TopicSupportSpec = {
  kind: "proposal",
  segment: "proposals",
  action: "support",
  mayRead: (user, topic) => can(user, "proposal:read", topic),
  maySupport: (user, topic) => can(user, "proposal:support", topic),
  isOpen: isCollecting,
  ineligible: (tx, userId, _topic, now) => {
    const reason = ineligibleReason(tx, userId, now);
    return reason ? INELIGIBLE_SUPPORT[reason] : null;
  },
  thresholds: {
    of: (topic) => [{ name: "agenda", at: thresholdOf(db, topic.id), reached: topic.status !== "collecting" }],
    reached: (tx, topic, _threshold, now) => reachProposalThreshold(tx, topic.id, now),
  },
  messages: {
    counted: "proposal.support.thanks",
    already: "proposal.support.already",
    withdrawn: "proposal.support.withdrawn",
    closed: "proposal.support.closed",
    notFound: "proposal.error.notFound",
  },
  mailing: {
    keyPrefix: "proposal",
    title: (id) => {
      const row = db.select({ title: topics.title, hidden: topics.hidden }).from(topics).where(eq(topics.id, id)).get();
      return row && !row.hidden ? row.title : undefined;
    },
    // The council's decision reaches every supporter in full: they asked the council for it.
    outcomeEmails: {
      [COUNCIL_OUTCOME_TYPE]: { subject: "proposal.email.decision.subject", intro: "proposal.email.decision.intro", text: "proposal.email.outcome.text", action: "proposal.email.outcome.action" },
    },
  },
  retention: { monthsAfterClose: () => getSetting("signatureAnonymiseMonths") },
};

export const proposalSupport = topicSupportPolicy(proposalSupportSpec);
