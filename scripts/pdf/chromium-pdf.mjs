// Prints local HTML files to PDF with Debian's headless Chromium, driven over
// the DevTools protocol on a pipe (fd 3/4, NUL-terminated JSON) so we can ask
// for a header/footer template with page numbers; the command-line
// --print-to-pdf only offers Chromium's own date/URL header. No network.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Page.printToPDF parameters of the fixture scripts: the page's own CSS size, backgrounds, no tagging or outline, optional header/footer templates. */
export function printOptions({ landscape, header, headerTemplate, footerTemplate }) {
  return {
    landscape,
    printBackground: true,
    preferCSSPageSize: true,
    generateTaggedPDF: false,
    generateDocumentOutline: false,
    displayHeaderFooter: header,
    headerTemplate: header ? headerTemplate : "<span></span>",
    footerTemplate: header ? footerTemplate : "<span></span>",
  };
}

export async function openChromium(bin = process.env.CHROMIUM ?? "chromium") {
  const profile = mkdtempSync(path.join(tmpdir(), "piao-chromium-"));
  const child = spawn(
    bin,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      `--user-data-dir=${profile}`,
      "--remote-debugging-pipe",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const write = /** @type {import("node:stream").Writable} */ (child.stdio[3]);
  const read = /** @type {import("node:stream").Readable} */ (child.stdio[4]);
  let buf = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  read.on("data", (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    let z;
    while ((z = buf.indexOf(0)) >= 0) {
      const msg = JSON.parse(buf.subarray(0, z).toString("utf8"));
      buf = buf.subarray(z + 1);
      if (msg.id && pending.has(msg.id)) {
        const { resolve, reject } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of [...listeners]) l(msg);
      }
    }
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.on("exit", () => {
    for (const { reject } of pending.values()) reject(new Error(`chromium exited: ${stderr.slice(-2000)}`));
    pending.clear();
  });

  function send(method, params = {}, sessionId) {
    const id = nextId++;
    const msg = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      write.write(JSON.stringify(msg) + "\0");
    });
  }
  function waitFor(method, sessionId, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
      const l = (msg) => {
        if (msg.method === method && (!sessionId || msg.sessionId === sessionId)) {
          clearTimeout(t);
          listeners.splice(listeners.indexOf(l), 1);
          resolve(msg.params);
        }
      };
      listeners.push(l);
    });
  }

  /**
   * @param {string} htmlFile absolute path
   * @param {object} print Page.printToPDF parameters
   * @returns {Promise<Buffer>}
   */
  async function printFile(htmlFile, print) {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    await send("Page.enable", {}, sessionId);
    const loaded = waitFor("Page.loadEventFired", sessionId);
    await send("Page.navigate", { url: pathToFileURL(htmlFile).href }, sessionId);
    await loaded;
    const { data } = await send("Page.printToPDF", print, sessionId);
    await send("Target.closeTarget", { targetId });
    return Buffer.from(data, "base64");
  }

  async function close() {
    try {
      await send("Browser.close");
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(profile, { recursive: true, force: true });
  }

  return { printFile, close };
}
