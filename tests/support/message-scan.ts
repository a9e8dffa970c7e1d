// Which message namespaces a module's browser code can name: the module and everything it imports
// (not *.server files, which never reach the browser), searched for string literals that start
// with a namespace ("petition.sign.title", `topic.kind.${kind}`).
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(".");
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(ROOT, "app", specifier.slice(2));
  else if (specifier.startsWith("#db/")) base = path.join(ROOT, "db", specifier.slice(4));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** The module and every module it imports, transitively, that can reach the browser. */
export function clientModules(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gm)) {
      if (m[2]) continue;
      const target = resolveImport(file, m[3]!);
      if (!target || /\.server\.tsx?$/.test(target) || /\.css/.test(target)) continue;
      // The catalogues themselves name every key; what matters is who uses them.
      if (target.startsWith(path.join(ROOT, "app", "i18n") + path.sep)) continue;
      queue.push(target);
    }
  }
  return [...seen];
}

/**
 * The messages a module's browser code names: whole keys written out ("petition.count.signatures"),
 * and the fixed start of keys it builds (`topic.kind.${kind}` → "topic.kind.", "petition.status." +
 * status → "petition.status."), with the namespaces those belong to.
 */
export function messagesNamed(
  entry: string,
  isKey: (s: string) => boolean,
  namespaces: ReadonlySet<string>,
): { keys: Set<string>; namespaces: Set<string>; prefixes: Set<string> } {
  const keys = new Set<string>();
  const built = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of clientModules(entry)) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/(["'`])([a-z][a-zA-Z]*)(\.[^"'`\n]*?)?(\$\{|\1)/g)) {
      const namespace = m[2]!;
      if (!namespaces.has(namespace) || m[3] === undefined) continue;
      const text = namespace + m[3];
      if (m[4] === "${" || text.endsWith(".")) {
        built.add(namespace);
        prefixes.add(text.slice(0, text.lastIndexOf(".") + 1));
      } else if (isKey(text)) keys.add(text);
    }
  }
  return { keys, namespaces: built, prefixes };
}
