/**
 * The report in a real browser: Debian's headless Chromium opens it from disk
 * (file://) with every non-file, non-data request blocked and recorded. No
 * skip when Chromium is missing: the report's promise is that it works in a
 * browser, so a machine that cannot check it must fail.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertBufferWithSource } from "../src/convert.js";
import type { PiaoDocument } from "../src/model/schema.js";
import { renderReport } from "../src/report/html.js";
import { reportPages } from "../src/report/pages.js";

const PDF = path.resolve("fixtures/pdf/003_f590cc7faadec963.rules.pdf");
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let tmp: string;
let context: BrowserContext;
let page: Page;
let doc: PiaoDocument;
let pageCount: number;
const blocked: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-report-browser-"));
  const bytes = await readFile(PDF);
  const converted = await convertBufferWithSource(bytes, path.basename(PDF));
  doc = converted.doc;
  const pages = await reportPages(bytes, doc.source.file, converted.source.geometry ?? [], { pageCount: doc.source.pages });
  pageCount = pages.length;
  const file = path.join(tmp, "report.html");
  await writeFile(file, renderReport(doc, pages));

  context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  // A CSP refusal (our own script included) or a script error shows up here.
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("the report opened from disk in headless Chromium", () => {
  it("decodes every page image, requests nothing outside the file, and runs under its CSP without errors", async () => {
    expect(pageCount).toBe(doc.source.pages);
    const imgs = await page.$$eval("#pages img", (els) => els.map((e) => ({ w: (e as HTMLImageElement).naturalWidth, ok: (e as HTMLImageElement).complete })));
    expect(imgs).toHaveLength(pageCount);
    for (const i of imgs) {
      expect(i.ok).toBe(true);
      expect(i.w).toBeGreaterThan(0);
    }
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("has one section per objective and one table row per step and per KPI", async () => {
    const sections = await page.$$eval("section.objective", (els) => els.length);
    expect(sections).toBe(doc.objectives.length);
    const steps = doc.objectives.reduce((n, o) => n + o.steps.length, 0);
    const kpis = doc.objectives.reduce((n, o) => n + o.kpis.length + o.steps.filter((s) => s.kpi).length, 0);
    const rows = await page.$$eval("section.objective h4", (hs) =>
      hs.map((h) => ({ title: h.textContent ?? "", rows: h.nextElementSibling?.querySelectorAll("tbody tr").length ?? 0 })),
    );
    const count = (t: string) => rows.filter((r) => r.title.startsWith(t)).reduce((n, r) => n + r.rows, 0);
    expect(count("Steps")).toBe(steps);
    expect(count("KPIs")).toBe(kpis);
    expect(kpis).toBeGreaterThan(0);
    const title = doc.objectives[0]!.title!;
    await expect(page.locator('td[title="/objectives/0/title"]').textContent()).resolves.toContain(title);
  });

  /** The highlight's rectangle in PDF points, read back from the screen. */
  async function highlighted(pageNo: number) {
    const fig = page.locator(`#page-${pageNo}`);
    const hl = fig.locator(".hl.on");
    await hl.waitFor({ state: "visible" });
    const [f, b] = [(await fig.boundingBox())!, (await hl.boundingBox())!];
    const { w, h } = await fig.evaluate((el) => ({ w: Number(el.getAttribute("data-w")), h: Number(el.getAttribute("data-h")) }));
    const pt = (px: number, size: number, total: number) => (px / size) * total;
    // The 2-px border is drawn inside the box (border-box sizing), so the box is the rectangle.
    const box = [pt(b.x - f.x, f.width, w), pt(b.y - f.y, f.height, h), pt(b.x + b.width - f.x, f.width, w), pt(b.y + b.height - f.y, f.height, h)];
    const pane = (await page.locator("#pages").boundingBox())!;
    const inView = b.y >= pane.y - 1 && b.y + b.height <= pane.y + pane.height + 1;
    return { box, inView, row: /\brow\b/.test((await hl.getAttribute("class")) ?? "") };
  }
  const near = (a: number[], b: readonly number[]) => a.every((v, k) => Math.abs(v - b[k]!) < 1.5);

  it("clicking a field draws the field's own box on its page; clicking a record's location draws the record's box", async () => {
    const i = doc.objectives.findIndex((x) => x.where.page && x.where.bbox && x.where.fields?.title);
    expect(i).toBeGreaterThanOrEqual(0);
    const o = doc.objectives[i]!;
    const cell = page.locator(`td[title="/objectives/${i}/title"]`);
    await cell.click();
    await expect(cell.getAttribute("class")).resolves.toMatch(/\bsel\b/);
    const field = await highlighted(o.where.page!);
    expect(near(field.box, o.where.fields!.title!)).toBe(true);
    expect(field.row).toBe(false);
    expect(field.inView).toBe(true);
    await expect(page.locator("#status").textContent()).resolves.toBe(`page ${o.where.page}: field box`);

    await page.locator(`td.loc[title="/objectives/${i}"]`).click();
    const rec = await highlighted(o.where.page!);
    expect(near(rec.box, o.where.bbox!)).toBe(true);
    expect(rec.row).toBe(true);
    await expect(page.locator("#status").textContent()).resolves.toBe(`page ${o.where.page}: box of its row`);
  });

  it("a checklist entry jumps to its field; a tick is kept across reloads", async () => {
    const items = page.locator("#checklist li");
    // Errors and warnings one by one, info issues one entry per code.
    const infoCodes = new Set(doc.issues.filter((x) => x.severity === "info").map((x) => x.code));
    const entries = doc.issues.filter((x) => x.severity !== "info").length + infoCodes.size;
    expect(await items.count()).toBe(entries);
    const issue = doc.issues.findIndex((x) => x.path.startsWith("/objectives/") && x.severity !== "info");
    expect(issue).toBeGreaterThanOrEqual(0);
    const li = page.locator("#checklist li").filter({ hasText: doc.issues[issue]!.message }).first();
    await li.locator("a").click();
    const target = await li.locator("a").getAttribute("data-go");
    await expect(page.locator(`[id="${target}"]`).getAttribute("class")).resolves.toMatch(/\bsel\b/);

    const box = li.locator("input[type=checkbox]");
    await box.check();
    await expect(li.getAttribute("class")).resolves.toContain("done");
    await expect(page.locator("#done").textContent()).resolves.toBe(`1 / ${entries}`);
    const stored = await page.evaluate((k) => localStorage.getItem(k), `piao-report:${doc.source.sha256}`);
    expect(JSON.parse(stored ?? "{}")).toEqual({ [(await box.getAttribute("data-key"))!]: true });

    await page.reload({ waitUntil: "load" });
    const again = page.locator("#checklist li").filter({ hasText: doc.issues[issue]!.message }).first();
    await expect(again.locator("input[type=checkbox]").isChecked()).resolves.toBe(true);
    await expect(page.locator("#done").textContent()).resolves.toBe(`1 / ${entries}`);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("zooms the pages, keeping the selected box in view; saves a screenshot (and, with UPDATE_SCREENSHOT=1, the README's copy)", async () => {
    const o = doc.objectives.findIndex((x) => x.where.fields?.description);
    await page.locator(`td[title="/objectives/${Math.max(0, o)}/description"]`).click();
    const pane = (await page.locator("#pages").boundingBox())!;
    const before = (await page.locator(".page").first().boundingBox())!.width;
    await page.locator("#zoom").fill("160");
    const after = (await page.locator(".page").first().boundingBox())!.width;
    expect(after / before).toBeCloseTo(1.6, 1);
    const hl = (await page.locator(".hl.on").boundingBox())!;
    expect(hl.y).toBeGreaterThanOrEqual(pane.y - 1);
    expect(hl.y + hl.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
    await mkdir("output", { recursive: true });
    const shot = path.resolve("output/report-screenshot.png");
    await page.screenshot({ path: shot, animations: "disabled" });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    if (process.env.UPDATE_SCREENSHOT === "1") {
      await mkdir("docs", { recursive: true });
      await copyFile(shot, path.resolve("docs/report-screenshot.png"));
      expect((await stat("docs/report-screenshot.png")).size).toBeLessThan(300_000);
    }
  });
});
