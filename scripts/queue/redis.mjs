/**
 * A throwaway Redis for the queue's tests and bench: Debian's `redis-server`
 * on a free port of 127.0.0.1, its files in a temporary folder, nothing saved
 * to disk, stopped (and its folder removed) by `stop()`.
 *
 *   const redis = await startRedis();   // { url, port, pid, stop() }
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A port nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function answers(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.setTimeout(500);
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      sock.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    sock.on("error", () => resolve(false));
    sock.on("timeout", () => {
      sock.destroy();
      resolve(false);
    });
  });
}

export async function startRedis({ bin = "redis-server" } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "piao-redis-"));
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const proc = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    proc.stderr.on("data", (d) => (err += d));
    const exited = new Promise((r) => proc.once("exit", () => r(true)));
    proc.once("error", (e) => (err += e.message));
    for (let i = 0; i < 100; i++) {
      if (await answers(port)) {
        const stop = async () => {
          if (proc.exitCode === null && proc.signalCode === null) {
            proc.kill("SIGTERM");
            await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
            if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
          }
          rmSync(dir, { recursive: true, force: true });
        };
        return { url: `redis://127.0.0.1:${port}`, port, pid: proc.pid, stop };
      }
      if (proc.exitCode !== null || proc.signalCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    proc.kill("SIGKILL");
    if (attempt === 2) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start: ${err.trim() || "no answer on its port"} (install Debian redis-server; .ci/run does)`);
    }
  }
  throw new Error("unreachable");
}
