// A word diff as people read it: insertions in <ins>, deletions in <del>, each opened and closed by
// words a screen reader says (visually hidden), so a change is never told by colour alone.
import bylawsCss from "~/styles/bylaws.css?url";
import { useT } from "~/utils/i18n";
import type { Segment } from "../bylaws.diff";

/** Add to the `links` of any route that shows bylaw text or diffs. */
export const bylawLinks = () => [{ rel: "stylesheet", href: bylawsCss }];

/** Which runs to show: both (a consolidated text with tracked changes), or one side of a side-by-side view. */
export type DiffSide = "both" | "from" | "to";

export function Diff({ segments, side = "both", className }: { segments: readonly Segment[]; side?: DiffSide; className?: string }) {
  const { t } = useT();
  return (
    <div className={["inspraak-diff", className].filter(Boolean).join(" ")}>
      {segments.map((s, i) => {
        if (s.op === "same") return <span key={i}>{s.text}</span>;
        if (s.op === "ins" && side !== "from") {
          return (
            <ins key={i}>
              <span className="inspraak-visually-hidden">{t("bylaw.diff.insStart")} </span>
              {s.text}
              <span className="inspraak-visually-hidden"> {t("bylaw.diff.insEnd")}</span>
            </ins>
          );
        }
        if (s.op === "del" && side !== "to") {
          return (
            <del key={i}>
              <span className="inspraak-visually-hidden">{t("bylaw.diff.delStart")} </span>
              {s.text}
              <span className="inspraak-visually-hidden"> {t("bylaw.diff.delEnd")}</span>
            </del>
          );
        }
        return null;
      })}
    </div>
  );
}
