/**
 * A cap on what a PDF's compressed streams decode to, checked before pdf.js
 * sees the file. pdf.js inflates a stream whole into one growing buffer and
 * has no limit of its own: a 1 MB Flate stream of spaces (a "flate bomb")
 * becomes a 1 GiB content stream, minutes of tokenizing and gigabytes of
 * memory. Here each FlateDecode stream is inflated once, counting bytes and
 * keeping none, and given up on as soon as it passes the cap.
 */
import zlib from "node:zlib";
import { InputError } from "../../doc/source.js";

/** Largest decoded stream accepted: over a 600 dpi A4 RGB image (104 MB), far over any page's text. */
export const MAX_DECODED_STREAM = 160 * 1024 * 1024;

/** Throws InputError `too-large` when a Flate stream of `bytes` decodes to more than `cap` bytes. */
export async function checkStreamSizes(bytes: Uint8Array, file: string, cap = MAX_DECODED_STREAM): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Where the compressed data could make more than the cap at zlib's best ratio (~1032:1), look.
  const minCompressed = Math.floor(cap / 1100);
  let at = 0;
  for (;;) {
    const f = buf.indexOf("/FlateDecode", at, "latin1");
    if (f < 0) return;
    at = f + 12;
    const kw = buf.indexOf("stream", at, "latin1");
    if (kw < 0 || kw - f > 4096) continue;
    let start = kw + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    let end = buf.indexOf("endstream", start, "latin1");
    if (end < 0) end = buf.length;
    at = Math.max(at, start);
    if (end - start < minCompressed) continue;
    const size = await inflatedSize(buf.subarray(start, end), cap);
    if (size > cap) {
      throw new InputError(
        `${file}: a compressed stream at byte ${start} decodes to over ${Math.round(cap / 2 ** 20)} MiB (a decompression bomb?); refused (too-large)`,
        "too-large",
      );
    }
  }
}

/** Bytes `data` inflates to, counted without keeping them; stops past `cap`. Damaged data counts what came out. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const z = zlib.createInflate({ chunkSize: 1 << 20 });
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(n);
    };
    z.on("data", (c: Buffer) => {
      n += c.length;
      if (n > cap) {
        finish();
        z.destroy();
      }
    });
    z.on("end", finish);
    z.on("error", finish);
    z.on("close", finish);
    z.end(data);
  });
}
