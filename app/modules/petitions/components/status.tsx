import { StatusBadge } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { statusTone, type PetitionStatus } from "../petitions.rules";

/** The petition's status as a Utrecht status badge. */
export function PetitionStatusBadge({ status }: { status: PetitionStatus }) {
  const { t } = useT();
  return <StatusBadge tone={statusTone(status)}>{t(`petition.status.${status}`)}</StatusBadge>;
}
