/**
 * The converter process of the pool (src/run/pool.ts): converts the jobs its
 * parent sends, one at a time, with `convertJob`, and answers each with its
 * result. Its logs are pino lines on its stderr (the parent forwards them).
 *
 * It ignores SIGINT (a Ctrl-C at the terminal reaches the whole process group:
 * the parent decides what happens to the file in hand) and ends itself when
 * its parent is gone, even in the middle of a long conversion: a watcher
 * thread checks the parent's pid and kills this process when it changes.
 */
import { Worker } from "node:worker_threads";
import { convertJob } from "./job.js";
import type { ChildSettings, ParentMessage, ChildMessage } from "./protocol.js";
import { createLogger, stderrDestination } from "../util/logger.js";

const settings = JSON.parse(process.argv[2] ?? "{}") as ChildSettings;
const log = createLogger(settings.logLevel ?? "info", stderrDestination());

process.on("SIGINT", () => undefined);
process.on("disconnect", () => process.exit(0));

// A thread that keeps running while the main thread is stuck in a long
// synchronous loop (a pathological PDF): if the parent dies, so does this process.
const watcher = new Worker(
  `const { parentPort, workerData } = require("node:worker_threads");
   setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, "SIGKILL"); }, 500);`,
  { eval: true, workerData: process.ppid, resourceLimits: { maxOldGenerationSizeMb: 8 } },
);
watcher.unref();

if (settings.ocrModel !== undefined || settings.ocrWorkers !== undefined) {
  const { configureOcr } = await import("../extract/ocr/pool.js");
  if (settings.ocrWorkers !== undefined) configureOcr({ workers: settings.ocrWorkers });
  if (settings.ocrModel === "best") configureOcr({ model: "best", rereadBelow: 0 });
  else if (settings.ocrModel !== undefined) configureOcr({ model: settings.ocrModel });
}

const send = (m: ChildMessage) => {
  if (process.connected) process.send!(m);
};

process.on("message", (raw: unknown) => {
  const m = raw as ParentMessage;
  if (m.type === "exit") {
    process.disconnect();
    return;
  }
  if (m.type !== "job") return;
  const onPage = (done: number, total: number) => send({ type: "page", id: m.id, done, total });
  convertJob(m.job, { log, onPage }).then(
    (result) => send({ type: "result", id: m.id, result }),
    (e: unknown) => {
      // convertJob turns every failure into a record; anything else is a bug worth a crash report.
      log.error({ err: (e as Error)?.stack ?? String(e) }, "child: unexpected failure");
      process.exit(70);
    },
  );
});

send({ type: "ready", pid: process.pid });
