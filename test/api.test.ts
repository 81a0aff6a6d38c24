import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { convert, InputError, jsonSchema, PiaoDocument, SCHEMA_ID } from "../src/index.js";

const SEEDS = path.resolve("fixtures/seeds");

describe("library API", () => {
  it("convert(path) returns a document that validates against the contract", async () => {
    const seed = (await readdir(SEEDS)).sort()[0]!;
    const doc = await convert(path.join(SEEDS, seed));
    expect(PiaoDocument.parse(doc)).toEqual(doc);
    expect(doc.schema).toBe(SCHEMA_ID);
    expect(doc.source.file).toBe(seed);
    expect(doc.source.kind).toBe("text");
    expect(doc.objectives.length).toBeGreaterThan(0);
  });

  it("convert(bytes) uses the given name, or input.txt, and hashes the bytes", async () => {
    const seed = (await readdir(SEEDS)).sort()[1]!;
    const bytes = new Uint8Array(await readFile(path.join(SEEDS, seed)));
    const named = await convert(bytes, { name: "allegato.txt" });
    expect(named.source.file).toBe("allegato.txt");
    expect(named.source.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const unnamed = await convert(bytes);
    expect(unnamed.source.file).toBe("input.txt");
    expect(PiaoDocument.parse(unnamed).objectives).toEqual(named.objectives);
  });

  it("throws InputError with a code for unreadable inputs", async () => {
    await expect(convert(new Uint8Array(0))).rejects.toBeInstanceOf(InputError);
    await expect(convert(new Uint8Array(0))).rejects.toMatchObject({ code: "empty" });
    await expect(convert(new Uint8Array([1, 2, 0, 3]), { name: "x.txt" })).rejects.toMatchObject({ code: "binary" });
    // The same codes as the CLI's manifest.
    await expect(convert(path.join(SEEDS, "no-such-file.txt"))).rejects.toMatchObject({ code: "not-found" });
    await expect(convert(SEEDS)).rejects.toMatchObject({ code: "unreadable" });
    await expect(convert("/dev/null")).rejects.toMatchObject({ code: "unsupported" });
    const seed = (await readdir(SEEDS)).sort()[0]!;
    await expect(convert(path.join(SEEDS, seed), { maxBytes: 10 })).rejects.toMatchObject({ code: "too-large" });
  });

  it("re-exports the schema objects and the JSON Schema", () => {
    for (const name of ["PiaoDocument", "Objective", "Step", "Kpi", "Issue", "Quantity", "DateValue", "Target", "Where"]) {
      expect(api).toHaveProperty(name);
      expect(typeof (api as unknown as Record<string, { parse?: unknown }>)[name]!.parse).toBe("function");
    }
    const schema = jsonSchema();
    expect(schema.$id).toContain("piao-objectives-1");
    expect(schema).toHaveProperty("properties.objectives");
  });
});
