// The mail merge file of new letter codes: the answer to the letter-codes form (a download must be
// the response itself, so this is a resource route). A list that cannot be used goes back to the
// form with its problems in the address, by line number; nothing is made then.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LetterCodesForm } from "~/modules/residents/residents.schema";
import { generateLetterCodes } from "~/modules/residents/residents.server";
import { problemsQuery } from "~/modules/residents/residents.rules";
import { requireUserWithPermission } from "~/utils/auth.server";
import { csvRows } from "~/utils/csv";
import { parseForm, readForm } from "~/utils/forms.server";
import { localDay } from "~/utils/local-time";
import { getTranslator } from "~/utils/locale.server";

export async function loader() {
  // Codes are only made by posting the form.
  throw redirect("/residents/letter-codes");
}

export async function action({ request }: ActionFunctionArgs) {
  const clerk = await requireUserWithPermission(request, "resident:verify");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  // An uploaded file goes before the typed list.
  const file = form.get("addressFile");
  const addresses = file instanceof File && file.size > 0 ? await file.text() : form.get("addresses");
  const validDays = form.get("validDays");
  const fields = new URLSearchParams();
  if (typeof addresses === "string") fields.set("addresses", addresses);
  if (typeof validDays === "string") fields.set("validDays", validDays);
  const parsed = parseForm(fields, LetterCodesForm, t);
  if (!parsed.ok) {
    const failed = Object.keys(parsed.errors).filter((field) => field === "addresses" || field === "validDays");
    return redirect(`/residents/letter-codes?${problemsQuery({ fields: failed.length ? failed : ["addresses"] })}`, 303);
  }
  const batch = generateLetterCodes(clerk.id, parsed.data);
  if (!batch.ok) return redirect(`/residents/letter-codes?${problemsQuery("tooMany" in batch ? { tooMany: true } : { lines: batch.problems })}`, 303);
  // The codes exist only in this file: it is the answer itself, never stored or cached.
  const validUntil = localDay(batch.expiresAt);
  const csv = csvRows([
    [t("resident.letters.csvAddress"), t("resident.letters.csvCode"), t("resident.letters.csvValidUntil")],
    ...batch.rows.map((row) => [row.line, row.code, validUntil]),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${t("resident.letters.fileName")}-${localDay(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
