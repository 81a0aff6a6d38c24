/** The committed JSON Schema is the one zod produces from the model, and it describes real output. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchema, PiaoDocument } from "../src/model/schema.js";
import { convertBuffer } from "../src/convert.js";

const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, "../schema/piao-objectives-1.json"), "utf8"));

describe("JSON Schema", () => {
  it("matches z.toJSONSchema of the model (regenerate with `npm run schema`)", () => {
    expect(committed).toEqual(jsonSchema());
  });

  it("requires every contract key of an objective", () => {
    const defs = JSON.stringify(committed);
    for (const key of ["publicValue", "links", "weight", "due", "status", "steps", "kpis", "extra", "where"]) {
      expect(defs).toContain(`"${key}"`);
    }
  });

  it("rejects a document with a missing key and accepts converted output", async () => {
    const doc = await convertBuffer(Buffer.from("Titolo obiettivo\tTempi\nRidurre i tempi\t31/12/2025\n"), "a.txt");
    expect(PiaoDocument.safeParse(doc).success).toBe(true);
    const broken = structuredClone(doc) as { objectives: Record<string, unknown>[] };
    delete broken.objectives[0]!.links;
    expect(PiaoDocument.safeParse(broken).success).toBe(false);
    expect(doc.objectives[0]!.title).toBe("Ridurre i tempi");
    expect(doc.objectives[0]!.due?.iso).toBe("2025-12-31");
  });
});
