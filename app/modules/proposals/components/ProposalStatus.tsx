import type { ProposalState } from "#db/schema/proposals.constants";
import { StatusBadge } from "~/components/ui";
import { useT } from "~/utils/i18n";

const TONES: Record<ProposalState, "neutral" | "active" | "success" | "warning" | "danger"> = {
  draft: "neutral",
  submitted: "neutral",
  inadmissible: "danger",
  collecting: "active",
  "threshold-reached": "success",
  expired: "neutral",
  withdrawn: "neutral",
  decided: "success",
};

export function ProposalStatus({ status }: { status: string }) {
  const { t } = useT();
  const known = (status in TONES ? status : "draft") as ProposalState;
  return <StatusBadge tone={TONES[known]}>{t(`proposal.status.${known}`)}</StatusBadge>;
}
