// `node tests/bundle/check.mjs [build dir]`: reads the client build (build/client) and fails when
// a browser chunk carries server-only code, or when the home page's first load carries a message
// catalogue; prints the first-load JavaScript of the home page and a petition page (bytes and
// gzipped) as JSON. tests/e2e/run.mjs runs it after every build, so it is part of `npm test`.
//
// "First load" is what a browser fetches as JavaScript before the page is interactive: the route
// manifest, the client entry, and the modules of the matched routes with everything they import
// statically. Chunks loaded later (another route, a dynamic import) are not counted.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

let clientDir = path.resolve(process.env.BUILD_DIR ?? "build", "client");
let assetsDir = path.join(clientDir, "assets");

/** Which build to read (default build/, or BUILD_DIR). */
export function useBuild(buildDir) {
  clientDir = path.resolve(buildDir, "client");
  assetsDir = path.join(clientDir, "assets");
}

/** Text that only server code contains: drizzle table definitions, column names, node built-ins. */
export const SERVER_ONLY = [
  { what: "a drizzle table definition", pattern: /\bsqliteTable\b|drizzle-orm|\bSQLiteColumn\b/ },
  { what: "the password_hash column", pattern: /password_hash/ },
  { what: "better-sqlite3", pattern: /better-sqlite3/ },
  { what: "a node built-in", pattern: /from\s*["']node:|require\(["']node:|import\(["']node:/ },
  { what: "argon2", pattern: /@node-rs\/argon2/ },
  { what: "nodemailer", pattern: /nodemailer/ },
];

function read(file) {
  return fs.readFileSync(path.join(clientDir, file.replace(/^\//, "")));
}

export function loadManifest() {
  const name = fs.readdirSync(assetsDir).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!name) throw new Error(`no Remix manifest in ${assetsDir}: build first (npx remix vite:build)`);
  const text = fs.readFileSync(path.join(assetsDir, name), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return { file: `/assets/${name}`, manifest: JSON.parse(json) };
}

/** Every chunk a module pulls in statically (`import"./x.js"`, `from"./x.js"`), itself included. */
function staticClosure(files) {
  const seen = new Set();
  const queue = [...files];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file).toString("utf8");
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  return [...seen];
}

/** The chunks of a first load of the page that the given routes (root first) render. */
export function firstLoadFiles(routeIds) {
  const { file, manifest } = loadManifest();
  const start = [manifest.entry.module, ...manifest.entry.imports];
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    start.push(route.module, ...route.imports);
  }
  return [file, ...staticClosure(start)].sort();
}

export function measure(routeIds) {
  const files = firstLoadFiles(routeIds);
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const content = read(f);
    bytes += content.length;
    gzip += zlib.gzipSync(content, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzip };
}

export const PAGES = {
  home: ["root", "routes/_index"],
  petition: ["root", "routes/petitions.$id"],
};

/** Sentences of each catalogue that no code repeats: one of them in a chunk means the catalogue is there. */
async function catalogueMarkers() {
  const markers = { nl: [], en: [] };
  const i18nDir = path.resolve("app/i18n");
  for (const name of fs.readdirSync(i18nDir)) {
    const source = fs.readFileSync(path.join(i18nDir, name), "utf8");
    for (const locale of ["nl", "en"]) {
      const block = new RegExp(`export const ${locale}[^=]*=\\s*\\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
      if (!block) continue;
      // Long messages only: short ones ("Home", "Zoeken") may well be in code for other reasons.
      for (const m of block.matchAll(/^\s*"[\w.-]+":\s*"((?:[^"\\]|\\.){40,})",?$/gm)) markers[locale].push(m[1]);
    }
  }
  return markers;
}

export async function check() {
  const problems = [];
  for (const name of fs.readdirSync(assetsDir).filter((f) => f.endsWith(".js"))) {
    const text = fs.readFileSync(path.join(assetsDir, name), "utf8");
    for (const { what, pattern } of SERVER_ONLY) {
      if (pattern.test(text)) problems.push(`${name} contains ${what} (${pattern})`);
    }
  }
  const markers = await catalogueMarkers();
  if (markers.nl.length === 0 || markers.en.length === 0) problems.push("no catalogue markers found in app/i18n: the check would prove nothing");
  for (const [page, routeIds] of Object.entries(PAGES)) {
    for (const file of firstLoadFiles(routeIds)) {
      const text = read(file).toString("utf8");
      for (const locale of ["nl", "en"]) {
        const hit = markers[locale].find((m) => text.includes(m));
        if (hit) problems.push(`the ${page} page's first load (${file}) contains the ${locale} catalogue ("${hit.slice(0, 50)}...")`);
      }
    }
  }
  const sizes = Object.fromEntries(Object.entries(PAGES).map(([page, ids]) => [page, measure(ids)]));
  return { problems, sizes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2]) useBuild(process.argv[2]);
  const { problems, sizes } = await check();
  console.log(JSON.stringify({ firstLoadJs: sizes }));
  if (problems.length) {
    console.error(`The client bundle carries what it must not:\n- ${problems.join("\n- ")}`);
    process.exit(1);
  }
}
