// Edits of finished PDFs for the producer matrix: fonts stripped of their
// /ToUnicode maps, and landscape pages set sideways on portrait paper with
// /Rotate 90 (as scanners and some drivers store them).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Removes every /ToUnicode entry (qpdf's QDF form keeps objects as editable
 * text; fix-qdf repairs the offsets after the edit). Text extraction then has
 * only the fonts' own encodings to go by.
 */
export function stripToUnicode(src, out, work) {
  const qdf = path.join(work, `${path.basename(src)}.qdf`);
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", src, qdf]);
  const text = readFileSync(qdf).toString("latin1").replace(/\/ToUnicode\s+\d+\s+\d+\s+R/g, "");
  const edited = qdf + ".edited";
  writeFileSync(edited, Buffer.from(text, "latin1"));
  const fixed = execFileSync("fix-qdf", [edited], { maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(edited, fixed);
  execFileSync("qpdf", [edited, out]);
}

/**
 * Landscape pages → portrait pages whose content runs up the sheet, shown
 * upright by /Rotate 90, the content itself untouched: in qpdf's QDF form each
 * page's content stream is wrapped in a quarter turn (`q 0 1 -1 0 H 0 cm … Q`),
 * its MediaBox turned to portrait and /Rotate 90 set; fix-qdf repairs the
 * lengths and offsets.
 */
export function rotateSideways(src, out, work) {
  const qdf = path.join(work, `${path.basename(src)}.qdf`);
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", src, qdf]);
  let text = readFileSync(qdf).toString("latin1");
  const objRe = /^(\d+) 0 obj\n([\s\S]*?)\nendobj$/gm;
  const objs = new Map();
  for (const m of text.matchAll(objRe)) objs.set(m[1], m[2]);
  const edits = new Map();
  for (const [id, body] of objs) {
    if (!/\/Type \/Page\n/.test(body)) continue;
    const mb = /\/MediaBox \[\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\]/.exec(body);
    const contents = /\/Contents (?:(\d+) 0 R|\[([\s\S]*?)\])/.exec(body);
    if (!mb || !contents) throw new Error(`${src}: page object ${id} without MediaBox or Contents`);
    const [x0, y0, x1, y1] = mb.slice(1, 5).map(Number);
    const w = x1 - x0,
      h = y1 - y0;
    const refs = contents[1] ? [contents[1]] : [...contents[2].matchAll(/(\d+) 0 R/g)].map((r) => r[1]);
    edits.set(id, body.replace(mb[0], `/MediaBox [ 0 0 ${h} ${w} ]`).replace("/Type /Page\n", "/Rotate 90\n  /Type /Page\n"));
    // Turn a quarter counter-clockwise, then move back onto the sheet; the viewer turns it back.
    const first = refs[0],
      last = refs[refs.length - 1];
    edits.set(first, (edits.get(first) ?? objs.get(first)).replace(/\nstream\n/, `\nstream\nq 0 1 -1 0 ${h} 0 cm 1 0 0 1 ${-x0} ${-y0} cm\n`));
    edits.set(last, (edits.get(last) ?? objs.get(last)).replace(/\nendstream$/, "\nQ\nendstream"));
  }
  text = text.replace(objRe, (all, id) => (edits.has(id) ? `${id} 0 obj\n${edits.get(id)}\nendobj` : all));
  const edited = qdf + ".edited";
  writeFileSync(edited, Buffer.from(text, "latin1"));
  writeFileSync(edited, execFileSync("fix-qdf", [edited], { maxBuffer: 256 * 1024 * 1024 }));
  execFileSync("qpdf", [edited, out]);
}
