import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo, run } from "../src/cli/main.js";
import type { ManifestRecord } from "../src/cli/batch.js";
import { liveTempCount, writeFileAtomic } from "../src/util/atomic.js";
import { NameAllocator, outputStem } from "../src/util/names.js";

const SEEDS = path.resolve("fixtures/seeds");

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-atomic-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

async function manifest(dir: string): Promise<ManifestRecord[]> {
  return (await readFile(path.join(dir, "manifest.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as ManifestRecord);
}

/** Three small inputs a.txt, b.txt, c.txt. */
async function threeInputs(): Promise<string> {
  const inDir = path.join(tmp, "in");
  await mkdir(inDir);
  const seeds = (await readdir(SEEDS)).sort();
  for (const [i, n] of ["a", "b", "c"].entries()) await copyFile(path.join(SEEDS, seeds[i]!), path.join(inDir, `${n}.txt`));
  return inDir;
}

describe("writeFileAtomic", () => {
  it("replaces the target whole and leaves no temp", async () => {
    const f = path.join(tmp, "x.json");
    await writeFile(f, "old\n");
    await writeFileAtomic(f, "new\n");
    expect(await readFile(f, "utf8")).toBe("new\n");
    expect(await readdir(tmp)).toEqual(["x.json"]);
    expect(liveTempCount()).toBe(0);
  });

  it("on a failure before the rename, keeps the old target and removes the temp", async () => {
    const f = path.join(tmp, "x.json");
    await writeFile(f, "old\n");
    let seenTemp = "";
    await expect(
      writeFileAtomic(f, "new but doomed\n", {
        beforeRename: async (t) => {
          seenTemp = t;
          // The data is fully in the temp at this point — exactly what must not survive.
          expect(await readFile(t, "utf8")).toBe("new but doomed\n");
          throw new Error("disk on fire");
        },
      }),
    ).rejects.toThrow("disk on fire");
    expect(path.basename(seenTemp)).toMatch(/^\.x\.json\.[0-9a-f]{12}\.tmp$/);
    expect(await readFile(f, "utf8")).toBe("old\n");
    expect(await readdir(tmp)).toEqual(["x.json"]);
    expect(liveTempCount()).toBe(0);
  });

  it("fails cleanly when the folder does not exist", async () => {
    await expect(writeFileAtomic(path.join(tmp, "nope", "x.json"), "data")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(tmp)).toEqual([]);
  });
});

describe("convert: atomic outputs", () => {
  it("leaves no *.tmp after a run", async () => {
    const out = path.join(tmp, "out");
    const io = captureIo();
    expect(await run(["convert", SEEDS, "--out", out, "--csv"], io)).toBe(0);
    const files = await listAll(out);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files).toContain("manifest.jsonl");
  });

  it("a write failure mid-batch leaves no partial JSON, fails that input only, exit 1", async () => {
    const inDir = await threeInputs();
    const out = path.join(tmp, "out");
    const io = {
      ...captureIo(),
      // b.json fails after its bytes are in the temp file: the worst moment.
      writeFile: (file: string, data: string) =>
        writeFileAtomic(file, data, {
          beforeRename: () => {
            if (path.basename(file) === "b.json") throw Object.assign(new Error("no space"), { code: "ENOSPC" });
          },
        }),
    };
    expect(await run(["convert", inDir, "--out", out], io)).toBe(1);
    expect(await listAll(out)).toEqual(["a.json", "c.json", "manifest.jsonl"]);
    const recs = await manifest(out);
    expect(recs.map((r) => [path.basename(r.file), r.status, r.output])).toEqual([
      ["a.txt", "ok", "a.json"],
      ["b.txt", "failed", null],
      ["c.txt", "ok", "c.json"],
    ]);
    expect(recs[1]!.error).toEqual({ code: "write-failed", message: expect.stringMatching(/b\.json.*no space left on device \(ENOSPC\)/) });
    JSON.parse(await readFile(path.join(out, "c.json"), "utf8"));
  });

  it("an interrupt stops after the file in hand, writes the manifest of what was done, exit 130", async () => {
    const inDir = await threeInputs();
    const out = path.join(tmp, "out");
    const ac = new AbortController();
    const base = captureIo();
    const io = {
      ...base,
      signal: ac.signal,
      writeFile: async (file: string, data: string) => {
        await writeFileAtomic(file, data);
        // Ctrl-C arrives while a.json is being written.
        if (path.basename(file) === "a.json") ac.abort(130);
      },
    };
    expect(await run(["convert", inDir, "--out", out], io)).toBe(130);
    expect(await listAll(out)).toEqual(["a.json", "manifest.jsonl"]);
    const recs = await manifest(out);
    expect(recs.map((r) => [path.basename(r.file), r.status])).toEqual([["a.txt", "ok"]]);
    expect(base.stderr.text()).toContain("interrupted");
  });

  it("an output folder that is a regular file: clear error naming it, exit 1, nothing written", async () => {
    const blocker = path.join(tmp, "out");
    await writeFile(blocker, "I am a file\n");
    const io = captureIo();
    expect(await run(["convert", SEEDS, "--out", blocker], io)).toBe(1);
    expect(io.stderr.text()).toMatch(new RegExp(`output folder '${blocker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'.*(EEXIST|ENOTDIR|not a folder)`));
    expect(await readFile(blocker, "utf8")).toBe("I am a file\n");
    expect(await readdir(tmp)).toEqual(["out"]);
  });

  it("an output folder under a regular file cannot be created: exit 1, names the folder", async () => {
    await writeFile(path.join(tmp, "file"), "x");
    const io = captureIo();
    const target = path.join(tmp, "file", "sub");
    expect(await run(["convert", SEEDS, "--out", target], io)).toBe(1);
    expect(io.stderr.text()).toContain(`cannot create output folder '${target}'`);
    expect(io.stderr.text()).toContain("ENOTDIR");
  });
});

describe("output names", () => {
  it("strip the extension, sanitize and never carry a path", () => {
    expect(outputStem("dir/sub/Piano 2025.final.txt")).toBe("Piano 2025.final");
    expect(outputStem("..\\..\\evil.txt")).toBe("evil");
    expect(outputStem("../..")).toBe("__");
    expect(outputStem(".txt")).toBe("_txt");
    expect(outputStem("a\nb\u009bc.md")).toBe("a_b_c");
    expect(outputStem("CON.txt")).toBe("CON_");
    expect(outputStem("trailing. .txt")).toBe("trailing");
    expect(Buffer.byteLength(outputStem("è".repeat(300) + ".txt"))).toBeLessThanOrEqual(180);
  });

  it("disambiguate in order, case-insensitively", () => {
    const names = new NameAllocator(".json");
    expect(["x", "X", "x", "x~2", "y"].map((s) => names.allocate(s))).toEqual(["x.json", "X~2.json", "x~3.json", "x~2~2.json", "y.json"]);
  });
});
