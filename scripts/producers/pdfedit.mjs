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
 * upright by /Rotate 90: Ghostscript redraws each page turned a quarter
 * (text stays text), qpdf sets the rotation.
 */
export function rotateSideways(src, out, work) {
  const info = execFileSync("pdfinfo", [src]).toString();
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [842, 595];
  const turned = path.join(work, `${path.basename(src)}.turned.pdf`);
  execFileSync("gs", [
    "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None",
    `-dDEVICEWIDTHPOINTS=${Math.round(h)}`, `-dDEVICEHEIGHTPOINTS=${Math.round(w)}`, "-dFIXEDMEDIA",
    `-sOutputFile=${turned}`,
    "-c", `<< /BeginPage { pop ${Math.round(h)} 0 translate 90 rotate } >> setpagedevice`,
    "-f", src,
  ]);
  execFileSync("qpdf", [turned, "--rotate=+90", "--", out]);
}
