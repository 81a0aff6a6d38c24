/**
 * Markup removal for text exports (Markdown, HTML fragments) and white-space
 * folding, so that cell values compare equal to what a reader sees.
 */

import { isSpaceCode } from "../util/text.js";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  egrave: "è",
  eacute: "é",
  agrave: "à",
  igrave: "ì",
  ograve: "ò",
  ugrave: "ù",
  Egrave: "È",
  Eacute: "É",
  Agrave: "À",
  rsquo: "’",
  lsquo: "‘",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  euro: "€",
  deg: "°",
  ge: "≥",
  le: "≤",
  ndash: "–",
  mdash: "—",
  hellip: "…",
};

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
// Block-level tags separate words; inline tags (b, i, span, a …) do not.
const BLOCK_TAG_RE = /<\/?(?:p|div|br|li|ul|ol|tr|h[1-6]|table|tbody|thead|section|article)\b[^>]*>/gi;
const TAG_RE = /<\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>]*>/g;

/**
 * HTML elements a text export may carry inline (Markdown allows them, word
 * processors' exports are full of them). Anything else between angle brackets
 * in a text export is text: `x<y e a>b`, an owner written `<da nominare>`.
 */
export const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  ("a abbr b big blockquote body br caption center cite code col colgroup dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 " +
    "head header footer hr html i img ins kbd label li main mark nav ol p pre q s samp section article aside small span " +
    "strike strong sub sup table tbody td tfoot th thead title tr tt u ul var wbr").split(" "),
);

/** Removes the tags of HTML elements, keeping any other text in angle brackets. */
function removeTags(s: string): string {
  return s.replace(TAG_RE, (m, name: string) => (HTML_ELEMENTS.has(name.toLowerCase()) ? "" : m));
}
const MD_ESCAPE_RE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;

/**
 * A text exported from an editor that escapes Markdown's characters everywhere ("\\* Fase", "UVF\\_26\\_01",
 * "21\\.700", "&nbsp;"): read as the characters meant, before its lines are read (a list's "\\* " is a bullet).
 * Only a text escaping often (three escapes at least) is taken so: a lone backslash is the author's.
 */
export function unescapedExport(text: string): string {
  const escapes = text.match(MD_ESCAPE_RE)?.length ?? 0;
  if (escapes < 3) return text;
  // (A table's lines keep their characters where they stand: a grid table's columns are told by position, and
  // its cells are read unescaped anyway.)
  return text
    .split("\n")
    .map((l) => {
      if (!l.includes("\\") && !l.includes("&")) return l;
      if (/^\s*[|+]/.test(l)) return l;
      const u = l.includes("\\") ? l.replace(MD_ESCAPE_RE, "$1") : l;
      return u.includes("&") ? decodeEntities(u) : u;
    })
    .join("\n");
}
// (Strong emphasis "__x__", never a run of three underscores or more: a blank to fill in by hand, "Il Dirigente ______".)
const EMPHASIS_RE = /\*{1,3}|(?<![A-Za-z0-9_])_{2}(?!_)|(?<!_)_{2}(?![A-Za-z0-9_])/g;

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY_RE, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body] ?? m;
  });
}

/** Folds every run of white space (line breaks, NBSP included) to one space and trims. */
const SPACE_RUN_RE = /[\s\u00a0\u200b]+/g;
const ODD_SPACE_RE = /[\t\n\r\f\v\u00a0\u200b\u2000-\u200a\u2028\u2029\u3000]/;

export function foldSpace(s: string): string {
  // Most cells hold single spaces only: skip the replace for them. A bare
  // character class scans faster than one alternating with "  ".
  return s.includes("  ") || ODD_SPACE_RE.test(s) ? s.replace(SPACE_RUN_RE, " ").trim() : s.trim();
}

const MARKUP_CHAR_RE = /[<&\\*_[\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\ud83c-\ud83e]/;
const PICTOGRAPH_TEST_RE = /[\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\ud83c-\ud83e]/;
/** A Markdown link: its text stands for it ("[Titolo](pagina.md)"). */
const MD_LINK_RE = /\[([^\]\n]{1,300})\]\([^)\s]{0,500}\)/g;
/**
 * Pictographs set as a badge before or after a word (wiki exports' status badges: "✅ Concluso", "In corso 🔄",
 * "⏳ Da avviare"), with the variation selector after them; a pictograph alone in a cell (a Gantt's mark) stays.
 */
const PICT = String.raw`[\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\u{1F300}-\u{1FAFF}]\ufe0f?`;
const PICTOGRAPH_RE = new RegExp(String.raw`^(?:${PICT}\s*)+(?=\p{L})|(?<=\p{L}[.)]?)(?:\s*${PICT})+$`, "u");

/** Removes Markdown emphasis/escapes and HTML tags from one value. */
export function stripMarkup(s: string): string {
  // Most values hold no markup character at all: one scan, then only the folding.
  if (!MARKUP_CHAR_RE.test(s)) return foldSpace(s);
  let t = s;
  if (t.includes("<")) t = removeTags(t.replace(BLOCK_TAG_RE, " "));
  t = decodeEntities(t);
  if (t.includes("](")) t = t.replace(MD_LINK_RE, "$1");
  if (PICTOGRAPH_TEST_RE.test(t)) t = t.trim().replace(PICTOGRAPH_RE, "").replace(PICTOGRAPH_RE, "");
  if (t.includes("\\")) t = t.replace(MD_ESCAPE_RE, "$1");
  if (t.includes("*") || t.includes("__")) t = t.replace(EMPHASIS_RE, "");
  return foldSpace(t);
}

/** True when the whole value is set in bold (`**…**`, `<b>…</b>`, `<strong>`). */
export function isBold(raw: string): boolean {
  // Bold opens with *, _ or <: any other first character settles it (looked for before trimming a copy).
  let i = 0;
  while (i < raw.length && isSpaceCode(raw.charCodeAt(i))) i++;
  const c = raw.charCodeAt(i);
  if (c !== 42 /* * */ && c !== 95 /* _ */ && c !== 60 /* < */) return false;
  const t = raw.trim();
  return (
    (/^\*\*\*?[^*]/.test(t) && /[^*]\*\*\*?$/.test(t)) ||
    (/^<(b|strong)>/i.test(t) && /<\/(b|strong)>$/i.test(t)) ||
    (/^__[^_]/.test(t) && /[^_]__$/.test(t))
  );
}

/**
 * Converters fuse separate lines: `**MARIO ROSSI****VALORE PUBBLICO**`,
 * `…TESTO**OBIETTIVO DI MISSIONE:** …`, `**Title.**Responsabile`. A bold run
 * that touches the text before or after it without a space is a line of its
 * own; bold inside prose (`la **performance** è`) has spaces and stays.
 */
export function splitFusedBold(line: string): string[] {
  if (!line.includes("**")) return [line];
  // Tokenise into alternating plain / bold runs on `**` (`***` counts as bold+italic).
  const parts: { text: string; bold: boolean }[] = [];
  const re = /(\*\*\*?)([^*]+?)\1/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) parts.push({ text: line.slice(last, m.index), bold: false });
    parts.push({ text: m[0], bold: true });
    last = m.index + m[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last), bold: false });
  if (parts.length < 2) return [line];
  const out: string[] = [];
  let cur = parts[0]!.text;
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1]!;
    const p = parts[i]!;
    const touching = !/\s$/.test(prev.text) && !/^\s/.test(p.text);
    // A bold label followed by its value ("**Label:** value") stays together.
    // ("**Label**: value", the colon outside the bold, the same.)
    const labelThenValue = prev.bold && !p.bold && (/:\*\*\*?$/.test(prev.text.trim()) || p.text.startsWith(":"));
    if (touching && (prev.bold || p.bold) && !labelThenValue) {
      out.push(cur);
      cur = p.text;
    } else {
      cur += p.text;
    }
  }
  out.push(cur);
  return out.filter((s) => s.trim() !== "");
}

/**
 * A code glued to the word that followed it on the next line of the original
 * (`2024\_A01\_07Assessorato`): split where a code-like token (digits joined by
 * `_`, `.` or `-`) runs straight into a capitalised word.
 */
const GLUED_CODE_RE = /^(\s*[A-Za-z]{0,4}\d+(?:\\?[._-][A-Za-z]{0,3}\d+)+)([A-ZÀ-Ý][a-zà-ÿ]{2,}.*)$/;
export function splitGluedCode(line: string): string[] {
  if (line.length > 200) return [line];
  const m = GLUED_CODE_RE.exec(line);
  return m ? [m[1]!, m[2]!] : [line];
}
