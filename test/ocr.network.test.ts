/**
 * OCR never touches the network nor writes next to the caller. tesseract.js
 * fetches two things when let: the language model (in its worker thread,
 * with the thread's global `fetch`, when langPath is a URL or unset) and the
 * image (on the main thread, with `fetch`, when given a URL). Here every
 * main-thread way out is stubbed and counted while a first OCR starts the
 * pool and loads the model; and the worker thread's own `fetch` is shown
 * to be disabled.
 */
import dns from "node:dns";
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { shutdownOcr } from "../src/extract/ocr/index.js";
import { langPath, workerEntry } from "../src/extract/ocr/pool.js";

const png = new Uint8Array(readFileSync(path.resolve("test/data/ocr/table.png")));

describe("no network, nothing written", () => {
  let calls: string[] = [];
  beforeAll(() => shutdownOcr());
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => shutdownOcr());

  it("a first OCR (workers started, model loaded) makes no network call", async () => {
    calls = [];
    const deny = (name: string) => (..._args: unknown[]) => {
      calls.push(name);
      throw new Error(`network call during OCR: ${name}`);
    };
    vi.spyOn(globalThis, "fetch").mockImplementation(deny("fetch") as never);
    for (const [mod, fns] of [
      [http, ["request", "get"]],
      [https, ["request", "get"]],
      [net, ["connect", "createConnection"]],
      [tls, ["connect"]],
      [dns, ["lookup", "resolve"]],
    ] as const) {
      for (const fn of fns) vi.spyOn(mod as Record<string, unknown>, fn as never).mockImplementation(deny(`${fn}`) as never);
    }
    vi.spyOn(net.Socket.prototype, "connect").mockImplementation(deny("Socket.connect") as never);

    const doc = await convertBuffer(png, "tabella.png");
    expect(doc.objectives.map((o) => o.id)).toEqual(["1.1", "1.2", "1.3"]);
    expect(calls).toEqual([]);
  });

  it("the models come from installed files (the package's own models/ and its npm dependency), and no cache file is left behind", () => {
    expect(langPath("best")).toBe(path.resolve("node_modules/@tesseract.js-data/ita/4.0.0_best_int"));
    expect(langPath("fast")).toBe(path.resolve("models/tessdata_fast"));
    for (const model of ["best", "fast"] as const) {
      const gz = path.join(langPath(model), "ita.traineddata.gz");
      expect(existsSync(gz), gz).toBe(true);
      // A real model, not a placeholder: tesseract.js would fail on it only when a page comes.
      expect(statSync(gz).size).toBeGreaterThan(1_000_000);
    }
    for (const dir of [process.cwd(), os.tmpdir(), path.dirname(langPath("best")), langPath("fast")]) expect(existsSync(path.join(dir, "ita.traineddata"))).toBe(false);
  });

  it("inside the OCR worker thread, fetch is disabled", async () => {
    const w = new Worker(workerEntry());
    try {
      const reply = await new Promise<{ status: string; data: unknown }>((resolve, reject) => {
        w.on("message", (m: { status: string; data: unknown }) => m.status !== "progress" && resolve(m));
        w.on("error", reject);
        // What tesseract.js sends to load a model from a URL.
        w.postMessage({
          workerId: "t",
          jobId: "1",
          action: "loadLanguage",
          payload: { langs: "ita", options: { langPath: "https://example.invalid/tessdata", cacheMethod: "none", gzip: true, lstmOnly: true } },
        });
      });
      expect(reply.status).toBe("reject");
      expect(String(reply.data)).toMatch(/network access is disabled in the OCR worker \(asked for https:\/\/example\.invalid\/tessdata\/ita\.traineddata\.gz\)/);
    } finally {
      await w.terminate();
    }
  });
});
