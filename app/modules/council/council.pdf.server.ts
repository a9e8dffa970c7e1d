// The dossier as a PDF for the council's meeting system, with the same content as the printed
// page: real text (searchable, read aloud) in a tagged structure (headings H1-H3, paragraphs,
// lists), in the page's language, made with pdfkit. Markdown is reduced to its plain text.
import PDFDocument from "pdfkit";
import { translator, type Locale } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/translate";
import { markdownToPlain } from "~/modules/notifications/notice-format";
import type { MessageKey } from "~/i18n";
import type { loadDossier } from "./council.briefing.server";

type Dossier = NonNullable<ReturnType<typeof loadDossier>>;

export function renderDossierPdf(d: Dossier, locale: Locale, kindLabel: MessageKey | undefined, now = new Date()): Promise<Buffer> {
  const t = translator(locale);
  const title = t("council.dossier.title", { title: d.topic.title });
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    tagged: true,
    lang: locale === "nl" ? "nl-NL" : "en-GB",
    displayTitle: true,
    pdfVersion: "1.7",
    info: { Title: title, Subject: t("council.dossier.print"), Creator: "Inspraak" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const heading = (level: 1 | 2 | 3, text: string) => {
    doc.moveDown(level === 1 ? 0 : 0.8);
    doc.font("Helvetica-Bold").fontSize(level === 1 ? 20 : level === 2 ? 15 : 12).text(text, { structParent: root, structType: `H${level}` });
    doc.font("Helvetica").fontSize(10.5);
  };
  const paragraph = (text: string) => {
    if (text.trim()) doc.text(text, { structParent: root, structType: "P", paragraphGap: 4 });
  };
  const list = (items: string[]) => {
    if (items.length) doc.list(items, { structParent: root, listType: "bullet", bulletRadius: 2, paragraphGap: 2 });
  };

  const meeting = d.meetings[0];
  doc.font("Helvetica").fontSize(10);
  paragraph(
    `${t("council.dossier.print")} · ${meeting ? t("council.briefing.meeting", { meeting: meeting.title, date: formatDate(locale, meeting.startsAt), number: meeting.position }) : t("council.briefing.notOnAgenda")}`,
  );
  heading(1, title);
  paragraph([kindLabel ? t(kindLabel) : d.topic.kind, ...(d.topic.supported ? [t("council.briefing.support", { count: d.topic.supportCount })] : []), t("council.dossier.generated", { date: formatDate(locale, now) })].join(" · "));
  if (d.admissibility) paragraph(t("council.briefing.admissibility", { note: d.admissibility }));

  heading(2, t("council.dossier.summary"));
  paragraph(d.topic.summary);
  paragraph(markdownToPlain(d.topic.body));

  heading(2, t("council.dossier.supportOverTime"));
  if (d.overTime.length === 0) paragraph(t("council.briefing.spreadNone"));
  else list(d.overTime.map((row) => `${formatDate(locale, new Date(row.day))}: ${formatNumber(locale, row.count)}`));

  heading(2, t("council.briefing.spread"));
  if (d.spread.length === 0) paragraph(t("council.briefing.spreadNone"));
  else list(d.spread.map((row) => `${row.name ?? "–"}: ${formatNumber(locale, row.count)} (${formatNumber(locale, row.percent)}%)`));

  heading(2, t("council.dossier.stances"));
  paragraph(t("council.dossier.stanceCount", { for: formatNumber(locale, d.stances.for), against: formatNumber(locale, d.stances.against) }));
  for (const side of ["for", "against"] as const) {
    heading(3, t(side === "for" ? "council.briefing.for" : "council.briefing.against"));
    if (d.arguments[side].length === 0) paragraph(t("council.briefing.noArguments"));
    else list(d.arguments[side].map((a) => `${markdownToPlain(a.body)} (${t("council.briefing.upvotes", { count: a.upvoteCount })})`));
  }

  heading(2, t("council.dossier.related"));
  if (d.related.length === 0) paragraph(t("council.dossier.relatedNone"));
  else list(d.related.map((r) => r.title));

  heading(2, t("council.dossier.history"));
  list(d.history.map((e) => `${formatDate(locale, e.createdAt)}: ${e.message && t.has(e.message) ? t(e.message, eventParams(t, e.data)) : e.type}`));

  heading(2, t("council.dossier.positions"));
  if (d.positions.length === 0) paragraph(t("council.dossier.positionsNone"));
  for (const p of d.positions) {
    heading(3, `${p.name ?? t("topic.deletedParticipant")} (${t("council.badge.councillor")}, ${t(p.visibility === "internal" ? "council.dossier.internal" : "council.dossier.public")})`);
    paragraph(markdownToPlain(p.body));
  }

  root.end();
  doc.end();
  return done;
}

/** A timeline event's words as the page shows them: a reason that is a message key in words. */
function eventParams(t: ReturnType<typeof translator>, data: unknown): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (typeof value === "number") params[name] = value;
    else if (typeof value === "string") params[name] = name === "reason" && t.has(value) ? t(value) : value;
  }
  return params;
}
