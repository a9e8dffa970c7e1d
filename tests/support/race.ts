// Two server processes acting on the same thing at the same moment, made to happen every time.
//
// raceTwice(scenario, [argsA, argsB]) starts two child processes on this test file's database.
// Each loads the scenario module (its default export makes one service call), then waits. The
// test takes the write lock on a connection of its own (BEGIN IMMEDIATE) and lets both go: each
// does whatever it reads before its first db.transaction, and reports when it gets there (or
// when it is done without one). Only when both are at that point is the lock released, so both
// have read before either writes: what two HTTP workers on one SQLite file do on a double submit.
//
// The same file is the children's script (run with tsx, marked by INSPRAAK_RACE_CHILD).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";

/** What one child's service call gave back, or the error it threw (which a route would answer with a 500). */
export type RaceOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

type Message = { type: "ready" } | { type: "waiting" } | { type: "done"; outcome: RaceOutcome };

const CHILD_FLAG = "INSPRAAK_RACE_CHILD";
const SELF = path.resolve("tests/support/race.ts");
const STEP_TIMEOUT_MS = 20_000;

class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly seen: Message[] = [];
  private readonly waiters: Array<() => void> = [];
  private stderr = "";
  private exited = false;

  constructor(scenario: string, args: unknown) {
    this.proc = spawn(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "--tsconfig", path.resolve("tsconfig.json"), SELF, path.resolve(scenario)],
      {
        env: { ...process.env, [CHILD_FLAG]: "1", RACE_ARGS: JSON.stringify(args), DEMO: "false", JOBS: "false", SMTP_URL: "" },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    readline.createInterface({ input: this.proc.stdout }).on("line", (line) => {
      if (!line.startsWith("@race ")) return;
      this.seen.push(JSON.parse(line.slice(6)) as Message);
      this.wake();
    });
    this.proc.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.proc.on("exit", () => {
      this.exited = true;
      this.wake();
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first message of one of these types; rejects if the child dies first. */
  async until(...types: Message["type"][]): Promise<Message> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const found = this.seen.find((m) => types.includes(m.type));
      if (found) return found;
      if (this.exited) throw new Error(`race child exited before ${types.join("/")}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`race child timed out waiting for ${types.join("/")}:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  go() {
    this.proc.stdin.write("go\n");
  }

  kill() {
    if (!this.exited) this.proc.kill();
  }
}

/**
 * Runs the scenario (a module whose default export takes the JSON args and makes one service
 * call) in two processes at once, both reading before either writes. Resolves with each
 * process's outcome, in the order of `args`.
 */
export async function raceTwice<T = unknown>(scenario: string, args: [unknown, unknown]): Promise<[RaceOutcome<T>, RaceOutcome<T>]> {
  const file = process.env.DATABASE_PATH;
  if (!file) throw new Error("DATABASE_PATH is not set (run under tests/support/setup.ts)");
  const children = args.map((a) => new Child(scenario, a));
  const lock = new Database(file);
  try {
    await Promise.all(children.map((c) => c.until("ready")));
    lock.pragma("busy_timeout = 5000");
    lock.exec("BEGIN IMMEDIATE");
    for (const c of children) c.go();
    // Both have read what they read outside a transaction, and now wait for the write lock.
    await Promise.all(children.map((c) => c.until("waiting", "done")));
    lock.exec("COMMIT");
    const outcomes = await Promise.all(children.map((c) => c.until("done")));
    return outcomes.map((m) => (m as Extract<Message, { type: "done" }>).outcome as RaceOutcome<T>) as [RaceOutcome<T>, RaceOutcome<T>];
  } finally {
    if (lock.inTransaction) lock.exec("ROLLBACK");
    lock.close();
    for (const c of children) c.kill();
  }
}

// ------------------------------------------------------------------------------- the child side

function say(message: Message) {
  // Synchronous, so "waiting" is out before the process blocks on the write lock.
  fs.writeSync(1, `@race ${JSON.stringify(message)}\n`);
}

async function runChild(scenarioPath: string) {
  // The composition root, as in every server process: the kinds, their rules and jobs.
  await import("~/kinds.server");
  const scenario = (await import(pathToFileURL(scenarioPath).href)) as { default: (args: unknown) => unknown };
  const { db } = await import("~/utils/db.server");
  const transaction = db.transaction;
  let reported = false;
  db.transaction = ((...a: Parameters<typeof transaction>) => {
    if (!reported) {
      reported = true;
      say({ type: "waiting" });
    }
    return transaction(...a);
  }) as typeof transaction;
  say({ type: "ready" });
  await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once("line", () => resolve()));
  let outcome: RaceOutcome;
  try {
    outcome = { ok: true, value: await scenario.default(JSON.parse(process.env.RACE_ARGS ?? "null")) };
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  }
  say({ type: "done", outcome });
  process.exit(0);
}

if (process.env[CHILD_FLAG] === "1") {
  runChild(process.argv[2]!).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
