// A stand-in converter process for the pool's tests: speaks the pool's
// protocol (src/run/protocol.ts) and misbehaves on demand, by file name:
// crash (SIGSEGV), hang (endless loop), hog (grows its memory until killed),
// heap (fills the JavaScript heap), pages (reports 3 pages, then takes 1.5 s),
// fat (keeps 150 MB and answers); anything else answers at once.
// The record's `line` carries this process's pid, so tests see recycling.
process.on("SIGINT", () => undefined);
process.on("disconnect", () => process.exit(0));
const keep = [];
const answer = (id, file) =>
  process.send({
    type: "result",
    id,
    result: {
      record: { file, output: null, sha256: null, status: "ok", kind: "text", pages: null, objectives: 0, steps: 0, kpis: 0, issues: null, error: null, ms: 0 },
      line: String(process.pid),
    },
  });
process.on("message", (m) => {
  if (m.type === "exit") return process.disconnect();
  const { id, job } = m;
  const name = job.file;
  if (name.includes("crash")) process.kill(process.pid, "SIGSEGV");
  else if (name.includes("hang")) for (;;);
  else if (name.includes("hog")) {
    const t = setInterval(() => keep.push(Buffer.alloc(32 * 1024 * 1024, 1)), 20);
    t.unref();
    setTimeout(() => undefined, 60_000);
  } else if (name.includes("heap")) {
    const a = [];
    for (;;) a.push({ x: Math.random(), y: [1, 2, 3], z: "s" + a.length });
  } else if (name.includes("pages")) {
    process.send({ type: "page", id, done: 0, total: 3 });
    setTimeout(() => answer(id, name), 1500);
  } else if (name.includes("fat")) {
    keep.push(Buffer.alloc(150 * 1024 * 1024, 1));
    answer(id, name);
  } else answer(id, name);
});
process.send({ type: "ready", pid: process.pid });
