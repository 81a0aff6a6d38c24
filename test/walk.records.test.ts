/**
 * Every path the walk meets gets a manifest record (issue 15, item 4):
 * special files are never opened, links are followed only inside the inputs,
 * loops and dangling links are named, names that are not UTF-8 are read by
 * their bytes. Runs the CLI in this process (the conversions in the pool).
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo, run } from "../src/cli/main.js";
import type { ManifestRecord } from "../src/run/record.js";
import { collectInputs } from "../src/util/walk.js";

const TABLE = "Obiettivo\tResponsabile\tScadenza\nVerifica dei conti\tMario Rossi\t31/12/2025\n";

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-walk-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("every path gets a record", () => {
  it("FIFOs, sockets, devices, dangling links, loops, links outside, folder links, duplicates, Latin-1 names", async () => {
    const inDir = path.join(tmp, "in");
    const outside = path.join(tmp, "outside");
    await mkdir(inDir);
    await mkdir(outside);
    await writeFile(path.join(outside, "secret.txt"), TABLE);
    await writeFile(path.join(inDir, "a.txt"), TABLE);
    execFileSync("mkfifo", [path.join(inDir, "fifo")]);
    const server = net.createServer();
    await new Promise<void>((res) => server.listen(path.join(inDir, "sock"), res));
    await symlink("missing.txt", path.join(inDir, "dangling.txt"));
    await symlink("loop2", path.join(inDir, "loop1"));
    await symlink("loop1", path.join(inDir, "loop2"));
    await symlink("/etc/passwd", path.join(inDir, "passwd.txt"));
    await symlink("/dev/zero", path.join(inDir, "zero.txt"));
    await symlink(outside, path.join(inDir, "via-link"));
    await symlink(path.join(inDir, "a.txt"), path.join(inDir, "b-alias.txt"));
    await mkdir(path.join(inDir, "sub"));
    await symlink(path.join(inDir, "sub"), path.join(inDir, "sub-link"));
    const latin1 = Buffer.concat([Buffer.from(inDir + path.sep), Buffer.from("caff\xe8.txt", "latin1")]);
    await writeFile(latin1, TABLE);

    const out = path.join(tmp, "out");
    const io = captureIo();
    try {
      expect(await run(["convert", inDir, "/dev/null", "--out", out], io)).toBe(1);
    } finally {
      server.close();
    }
    const recs = (await readFile(path.join(out, "manifest.jsonl"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ManifestRecord);
    const got = Object.fromEntries(recs.map((r) => [path.relative(inDir, r.file), [r.status, r.error?.code ?? null]]));
    expect(got).toEqual({
      "a.txt": ["ok", null],
      "b-alias.txt": ["skipped", "duplicate"],
      "caffè.txt": ["ok", null],
      "dangling.txt": ["failed", "not-found"],
      fifo: ["failed", "unsupported"],
      loop1: ["failed", "loop"],
      loop2: ["failed", "loop"],
      "passwd.txt": ["skipped", "outside"],
      sock: ["failed", "unsupported"],
      "sub-link": ["skipped", "folder-link"],
      "via-link": ["skipped", "outside"],
      "zero.txt": ["skipped", "outside"],
      "../../../dev/null": ["failed", "unsupported"],
    });
    const by = (f: string) => recs.find((r) => path.basename(r.file) === f)!;
    expect(by("fifo").error!.message).toMatch(/a FIFO \(named pipe\), not a file to convert$/);
    expect(by("dangling.txt").error!.message).toMatch(/broken symlink \(its target missing\.txt does not exist\)$/);
    expect(by("zero.txt").error!.message).toMatch(/symlink to \/dev\/zero, outside the files and folders given; not followed$/);
    // The Latin-1 name was read by its bytes: its table is there.
    const caffe = JSON.parse(await readFile(path.join(out, by("caffè.txt").output!), "utf8")) as { objectives: { title: string }[] };
    expect(caffe.objectives.map((o) => o.title)).toEqual(["Verifica dei conti"]);
  });

  it("a link to a file inside another input folder is followed", async () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    await mkdir(a);
    await mkdir(b);
    await writeFile(path.join(b, "doc.txt"), TABLE);
    await symlink(path.join(b, "doc.txt"), path.join(a, "link.txt"));
    const entries = await collectInputs([a, b]);
    expect(entries.map((e) => [path.relative(tmp, e.file), e.error?.code ?? null])).toEqual([
      ["a/link.txt", null],
      ["b/doc.txt", "duplicate"],
    ]);
  });
});
