import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo, run } from "../src/cli/main.js";
import type { ManifestRecord } from "../src/cli/batch.js";
import { CSV_COLUMNS, CSV_FILES } from "../src/report/csv.js";
import { PiaoDocument } from "../src/model/schema.js";

const SEEDS = path.resolve("fixtures/seeds");
const seedNames = async () => (await readdir(SEEDS)).filter((f) => f.endsWith(".txt")).sort();

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-cli-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function cli(argv: string[], opts: { tty?: boolean } = {}) {
  const io = captureIo(opts);
  const code = await run(argv, io);
  return { code, out: io.stdout.text(), err: io.stderr.text() };
}

async function manifest(dir: string): Promise<ManifestRecord[]> {
  const text = await readFile(path.join(dir, "manifest.jsonl"), "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text.trimEnd().split("\n").map((l) => JSON.parse(l) as ManifestRecord);
}

function pointer(doc: unknown, ptr: string): unknown {
  return ptr
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

describe("convert: folders to JSON files and a manifest", () => {
  it("converts every seed, pretty JSON with a trailing newline, manifest counts match the files", async () => {
    const out = path.join(tmp, "out");
    const r = await cli(["convert", SEEDS, "--out", out]);
    expect(r.err).not.toMatch(/"level":50/);
    expect(r.code).toBe(0);
    const seeds = await seedNames();
    const records = await manifest(out);
    expect(records.map((x) => x.file)).toEqual(seeds.map((s) => path.join(SEEDS, s)));
    expect((await readdir(out)).sort()).toEqual([...seeds.map((s) => s.replace(/\.txt$/, ".json")), "manifest.jsonl"].sort());
    for (const rec of records) {
      expect(rec.status).toBe("ok");
      expect(rec.error).toBeNull();
      expect(rec.kind).toBe("text");
      const text = await readFile(path.join(out, rec.output!), "utf8");
      expect(text.startsWith('{\n  "schema": "piao-objectives/1",')).toBe(true);
      expect(text.endsWith("}\n")).toBe(true);
      const doc = PiaoDocument.parse(JSON.parse(text));
      expect(doc.source.file).toBe(path.basename(rec.file));
      expect(rec.sha256).toBe(doc.source.sha256);
      expect(rec.objectives).toBe(doc.objectives.length);
      expect(rec.steps).toBe(doc.objectives.reduce((n, o) => n + o.steps.length, 0));
      expect(rec.kpis).toBe(doc.objectives.reduce((n, o) => n + o.kpis.length + o.steps.filter((s) => s.kpi).length, 0));
      expect(rec.issues).toEqual({
        error: doc.issues.filter((i) => i.severity === "error").length,
        warning: doc.issues.filter((i) => i.severity === "warning").length,
        info: doc.issues.filter((i) => i.severity === "info").length,
      });
      expect(Number.isInteger(rec.ms)).toBe(true);
    }
    // At least one seed carries objectives: the batch is not trivially empty.
    expect(records.some((x) => (x.objectives ?? 0) > 0)).toBe(true);
  });

  it("gives two inputs with the same base name distinct outputs, deterministically", async () => {
    const seed = (await seedNames())[0]!;
    for (const d of ["a", "b", "c/deeper"]) {
      await mkdir(path.join(tmp, "in", d), { recursive: true });
      await copyFile(path.join(SEEDS, seed), path.join(tmp, "in", d, "Report.txt"));
    }
    // Same stem, different extension and case: must not meet on a case-insensitive disk either.
    await writeFile(path.join(tmp, "in", "a", "report.md"), "# Titolo\n\nnessuna tabella\n");
    const inDir = path.join(tmp, "in");
    const out = path.join(tmp, "out");
    expect((await cli(["convert", inDir, "--out", out])).code).toBe(0);
    const first = await manifest(out);
    expect(first.map((x) => [path.relative(inDir, x.file), x.output])).toEqual([
      ["a/Report.txt", "Report.json"],
      ["a/report.md", "report~2.json"],
      ["b/Report.txt", "Report~3.json"],
      ["c/deeper/Report.txt", "Report~4.json"],
    ]);
    const again = path.join(tmp, "again");
    await cli(["convert", inDir, "--out", again]);
    expect((await manifest(again)).map((x) => x.output)).toEqual(first.map((x) => x.output));
    const a = JSON.parse(await readFile(path.join(out, "Report.json"), "utf8")) as PiaoDocument;
    const b = JSON.parse(await readFile(path.join(out, "Report~3.json"), "utf8")) as PiaoDocument;
    expect(b).toEqual(a);
  });

  it("skips hidden entries and the output folder inside the input folder, keeps the given path spelling", async () => {
    const inDir = path.join(tmp, "in");
    await mkdir(path.join(inDir, ".git"), { recursive: true });
    await writeFile(path.join(inDir, ".git", "x.txt"), "hidden\n");
    await writeFile(path.join(inDir, ".hidden.txt"), "hidden\n");
    await writeFile(path.join(inDir, "one.txt"), "testo semplice\n");
    const out = path.join(inDir, "out");
    expect((await cli(["convert", inDir + "/", "--out", out])).code).toBe(0);
    // A second run must not pick up the first run's JSON files.
    expect((await cli(["convert", inDir + "/", "--out", out])).code).toBe(0);
    const recs = await manifest(out);
    expect(recs.map((x) => x.file)).toEqual([inDir + "/one.txt"]);
  });

  it("follows no symlink out of the given folder, and records every link it met", async () => {
    const inDir = path.join(tmp, "in");
    await mkdir(inDir);
    await writeFile(path.join(tmp, "outside.txt"), "fuori\n");
    await writeFile(path.join(inDir, "inside.txt"), "dentro\n");
    await symlink(path.join(tmp, "outside.txt"), path.join(inDir, "escape.txt"));
    await symlink(path.join(inDir, "inside.txt"), path.join(inDir, "alias.txt"));
    await symlink(tmp, path.join(inDir, "loop"));
    const out = path.join(tmp, "out");
    const r = await cli(["convert", inDir, "--out", out]);
    expect(r.code).toBe(0);
    // alias.txt comes first in sorted order and points at inside.txt: converted once, under its first name.
    const recs = await manifest(out);
    expect(recs.map((x) => [path.basename(x.file), x.status, x.error?.code ?? null])).toEqual([
      ["alias.txt", "ok", null],
      ["escape.txt", "skipped", "outside"],
      ["inside.txt", "skipped", "duplicate"],
      ["loop", "skipped", "outside"],
    ]);
    expect(recs[1]!.error!.message).toContain("outside the files and folders given");
    expect(recs[2]!.error!.message).toContain("alias.txt");
  });

  it("names outputs from the file name only, sanitized", async () => {
    const inDir = path.join(tmp, "in");
    await mkdir(inDir);
    await writeFile(path.join(inDir, "a\u0007b:c.txt"), "uno\n");
    await writeFile(path.join(inDir, "..txt"), "due\n");
    const out = path.join(tmp, "out");
    expect((await cli(["convert", path.join(inDir, "a\u0007b:c.txt"), path.join(inDir, "..txt"), "--out", out])).code).toBe(0);
    expect((await manifest(out)).map((x) => x.output)).toEqual(["a_b_c.json", "_.json"]);
  });
});

describe("convert --stdout", () => {
  it("prints one JSON document per line; manifest records go to the log on stderr", async () => {
    const seeds = await seedNames();
    const r = await cli(["convert", SEEDS, "--stdout"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines).toHaveLength(seeds.length);
    const docs = lines.map((l) => PiaoDocument.parse(JSON.parse(l)));
    expect(docs.map((d) => d.source.file)).toEqual(seeds);
    const logged = r.err
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === "converted");
    // Logged as the files finish (the pool's children finish in any order); stdout keeps the input order.
    expect(logged.map((l) => l.file).sort()).toEqual(seeds.map((s) => path.join(SEEDS, s)));
    expect(logged.find((l) => l.file === path.join(SEEDS, seeds[0]!))).toMatchObject({ status: "ok", output: null, sha256: docs[0]!.source.sha256 });
  });
});

describe("convert --csv", () => {
  it("writes four CSV files with the documented headers, one row per record, paths resolving into the JSON", async () => {
    const out = path.join(tmp, "out");
    expect((await cli(["convert", SEEDS, "--out", out, "--csv", "--quiet"])).code).toBe(0);
    const records = await manifest(out);
    const sum = (f: (r: ManifestRecord) => number) => records.reduce((n, r) => n + f(r), 0);
    const expected: Record<string, number> = {
      "objectives.csv": sum((r) => r.objectives!),
      "steps.csv": sum((r) => r.steps!),
      "kpis.csv": sum((r) => r.kpis!),
      "issues.csv": sum((r) => r.issues!.error + r.issues!.warning + r.issues!.info),
    };
    const docs = new Map<string, unknown>();
    for (const rec of records) docs.set(rec.output!, JSON.parse(await readFile(path.join(out, rec.output!), "utf8")));
    for (const file of CSV_FILES) {
      const text = await readFile(path.join(out, file), "utf8");
      expect(text.split("\n")[0]).toBe(CSV_COLUMNS[file].join(","));
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toHaveLength(expected[file]!);
      for (const row of parsed.data.slice(0, 50)) {
        expect(docs.has(row.document!)).toBe(true);
        const target = pointer(docs.get(row.document!), row.path!);
        if (file === "issues.csv") continue; // an issue's path may point at a field, even ""
        expect(target).toBeTypeOf("object");
        const t = target as Record<string, unknown>;
        if (file === "objectives.csv" || file === "steps.csv") expect(row.id).toBe((t.id as string | null) ?? "");
        if (file === "kpis.csv") expect(row.name?.replace(/^'/, "")).toBe((t.name as string | null) ?? "");
      }
    }
    expect(expected["objectives.csv"]).toBeGreaterThan(0);
  });
});

describe("progress bar and logs", () => {
  it("draws a progress bar only on a TTY and never with --quiet", async () => {
    const tty = await cli(["convert", SEEDS, "--out", path.join(tmp, "o1")], { tty: true });
    expect(tty.err).toMatch(/\r\x1b\[2K\[[#-]+\] \d+\/5 /);
    const quiet = await cli(["convert", SEEDS, "--out", path.join(tmp, "o2"), "--quiet"], { tty: true });
    expect(quiet.err).not.toContain("\r");
  });

  it("on a TTY the default shows the bar and warnings only; --log-level info brings the per-file lines back", async () => {
    const tty = await cli(["convert", SEEDS, "--out", path.join(tmp, "o1")], { tty: true });
    expect(tty.err).toMatch(/\[[#-]+\] 5\/5 files/);
    expect(tty.err).not.toContain('"msg":"converted"');
    const info = await cli(["convert", SEEDS, "--out", path.join(tmp, "o2"), "--log-level", "info"], { tty: true });
    expect(info.err.match(/"msg":"converted"/g)).toHaveLength(5);
  });

  it("without a TTY, stderr holds nothing but JSON log lines and stdout nothing at all", async () => {
    const r = await cli(["convert", SEEDS, "--out", path.join(tmp, "o")]);
    expect(r.out).toBe("");
    const lines = r.err.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty("level");
  });

  it("--log-level silent leaves stderr empty; --quiet keeps only warnings", async () => {
    const silent = await cli(["convert", SEEDS, "--out", path.join(tmp, "o1"), "--log-level", "silent"]);
    expect(silent.err).toBe("");
    const quiet = await cli(["convert", SEEDS, "--out", path.join(tmp, "o2"), "--quiet"]);
    expect(quiet.err).toBe("");
  });
});
