import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { captureIo, run } from "../src/cli/main.js";
import { parseByteSize } from "../src/cli/args.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.stdout.text(), err: io.stderr.text() };
}

describe("cli: help, version, schema", () => {
  it("--help prints usage, options and the exit-code table on stdout", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("piao-extract convert <files or folders…> --out <dir>");
    expect(r.out).toMatch(/Exit codes:[\s\S]*\b2\s+usage error/);
    expect(r.out).toContain("too-large");
    expect(r.err).toBe("");
  });

  it("convert --help is the same help", async () => {
    const r = await cli("convert", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("--ocr-threshold");
    expect(r.out).toContain("--ocr-model");
  });

  it("--version prints the package version", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${pkg.version}\n`);
  });

  it("schema prints the JSON Schema of the contract", async () => {
    const r = await cli("schema");
    expect(r.code).toBe(0);
    expect(r.out.endsWith("}\n")).toBe(true);
    const schema = JSON.parse(r.out) as { $id: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$id).toContain("piao-objectives-1");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["schema", "source", "document", "objectives", "issues"]));
  });
});

describe("cli: usage errors exit 2 with the usage on stderr", () => {
  const cases: [string, string[], RegExp][] = [
    ["no arguments", [], /no command/],
    ["unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    ["unknown flag", ["convert", "x.txt", "--out", "o", "--frobnicate"], /frobnicate/],
    ["no inputs", ["convert", "--out", "o"], /no input files/],
    ["missing --out", ["convert", "x.txt"], /--out <dir> is required/],
    ["--stdout with --out", ["convert", "x.txt", "--out", "o", "--stdout"], /cannot be combined/],
    ["--csv with --stdout", ["convert", "x.txt", "--stdout", "--csv"], /--csv/],
    ["bad --ocr", ["convert", "x.txt", "--stdout", "--ocr", "sometimes"], /--ocr must be/],
    ["bad --ocr-model", ["convert", "x.txt", "--stdout", "--ocr-model", "turbo"], /--ocr-model must be fast or best/],
    ["bad --ocr-threshold", ["convert", "x.txt", "--stdout", "--ocr-threshold", "120"], /--ocr-threshold/],
    ["bad --max-bytes", ["convert", "x.txt", "--stdout", "--max-bytes", "lots"], /--max-bytes/],
    ["bad --log-level", ["convert", "x.txt", "--stdout", "--log-level", "loud"], /--log-level/],
    ["option without value", ["convert", "x.txt", "--out"], /--out/],
    ["schema with an argument", ["schema", "extra"], /no arguments/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(message);
      expect(r.err).toContain("Usage:");
    });
  }
});

describe("--max-bytes sizes", () => {
  it("reads plain bytes and binary multiples", () => {
    expect(parseByteSize("1000")).toBe(1000);
    expect(parseByteSize("64k")).toBe(65536);
    expect(parseByteSize("50M")).toBe(50 * 1024 * 1024);
    expect(parseByteSize("1GiB")).toBe(1024 ** 3);
    expect(parseByteSize("10b")).toBe(10);
    expect(parseByteSize("0")).toBeNull();
    expect(parseByteSize("-5")).toBeNull();
    expect(parseByteSize("5 apples")).toBeNull();
  });
});
