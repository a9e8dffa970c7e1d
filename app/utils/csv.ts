// CSV for open data exports (petitions, discussions), safe to open in a spreadsheet.
/**
 * One CSV cell. A spreadsheet never runs it as a formula: text starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe. Quoted when it holds a separator, quote or newline.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRows(rows: Array<Array<string | number | null>>): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
