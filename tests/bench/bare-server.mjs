// The ceiling for signing on this machine: a bare node:http server doing the same SQLite writes
// as the app's signing transaction (insert the signature, bump the counters), answering 302.
import http from "node:http";
import Database from "better-sqlite3";

const [file, port, topicId] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

const insert = db.prepare(
  `INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
   VALUES (?, NULL, ?, ?, ?, '9903AB', NULL, 0, 'confirmed', 'nl', ?, ?) ON CONFLICT DO NOTHING`,
);
const bump = db.prepare("UPDATE topics SET support_count = support_count + 1 WHERE id = ?");
const sign = db.transaction((email, now) => {
  if (insert.run(Number(topicId), "Bench", email, email, now, now).changes === 1) bump.run(Number(topicId));
});

http
  .createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const email = new URLSearchParams(body).get("email") ?? `x${Math.random()}@example.org`;
      sign(email, Date.now());
      res.writeHead(302, { Location: `/petitions/${topicId}` });
      res.end();
    });
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
