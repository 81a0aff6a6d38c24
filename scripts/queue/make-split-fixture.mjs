#!/usr/bin/env node
/**
 * fixtures/queue/mixed-7p.pdf: six scanned pages of the scan fixtures and one
 * born-digital page between them, for the queue's split test (a scan spread
 * over page jobs, with a text-layer page the assembling job reads itself).
 * Needs Debian `qpdf`. `--scans N` makes another file of N scanned pages
 * (the bench's 12-page document): node scripts/queue/make-split-fixture.mjs --scans 12 --out /tmp/scan12.pdf
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCAN = (name) => path.join(ROOT, "fixtures/scan", name);
/** The 200 dpi scans, 2 + 3 + 2 + 3 pages. */
const SCANS = ["000_04c6871af44d1a56.200.pdf", "004_131eba05ebaf386c.200.pdf", "003_f590cc7faadec963.200.pdf", "001_1e18ce1816fe9ae7.200.pdf"].map(SCAN);

/** qpdf --pages arguments for the first `n` scanned pages, cycling through SCANS. */
export function scanPages(n) {
  const counts = SCANS.map((f) => Number(execFileSync("qpdf", ["--show-npages", f], { encoding: "utf8" }).trim()));
  const args = [];
  for (let i = 0, left = n; left > 0; i++) {
    const k = Math.min(left, counts[i % SCANS.length]);
    args.push(SCANS[i % SCANS.length], `1-${k}`);
    left -= k;
  }
  return args;
}

export function makeScanPdf(pages, out) {
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync("qpdf", ["--empty", "--pages", ...scanPages(pages), "--", out]);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scans: { type: "string" }, out: { type: "string" } } });
  if (values.scans) {
    console.log(makeScanPdf(Number(values.scans), path.resolve(values.out ?? `scan-${values.scans}p.pdf`)));
  } else {
    const out = path.join(ROOT, "fixtures/queue/mixed-7p.pdf");
    const text = path.join(ROOT, "fixtures/pdf/000_04c6871af44d1a56.grid.pdf");
    // Scan pages 1-2, the text page, scan pages 3-6.
    execFileSync("qpdf", ["--empty", "--pages", SCANS[0], "1-2", text, "1", SCANS[1], "1-3", SCANS[2], "1", "--", out]);
    console.log(out);
  }
}
