// Runs once before a vitest run: removes the databases of test processes that are gone. Each test
// file's process removes its own on exit, but a worker vitest stops with a signal never gets to,
// and a few hundred megabytes a run add up. A file whose process still runs (another vitest run in
// this checkout) is left alone.
import fs from "node:fs";
import path from "node:path";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

export default function removeStaleTestDatabases(): void {
  const dir = path.resolve("tests/.tmp");
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const match = /^test-(\d+)-[0-9a-f]+\.db(-wal|-shm)?$/.exec(name);
    if (match && !alive(Number(match[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}
