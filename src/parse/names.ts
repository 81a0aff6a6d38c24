/**
 * Objectives named short: a KPI table or a summary that refers to an
 * objective by a short name ("Liste d'attesa RSA", "Accreditamento CDI",
 * "Energia sede") rather than by its code. The short name's words are found
 * in the objective's title by their stem (their first letters), and an
 * acronym by the initials of consecutive words ("CDI" → "Centro Diurno
 * Integrato").
 */
import { normalizeLabel } from "../lexicon/match.js";
import { memo } from "../util/memo.js";

export const NAME_SETTINGS = {
  /** Letters of a word's stem compared ("energia" ~ "energetico", "liste" ~ "lista"). */
  stem: 4,
  /** Share of the short name's words found in the title, at least. */
  minShare: 0.6,
  /** A short name has at most this many words. */
  maxWords: 5,
  /** Words shorter than this are joining words, not counted (di, del, e, la). */
  minWordLength: 3,
};

const JOINING = new Set(["del", "della", "dello", "dei", "degli", "delle", "per", "con", "nel", "nella", "sul", "sulla", "dal", "dalla", "alla", "alle", "agli", "gli"]);

function words(text: string): string[] {
  return normalizeLabel(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= NAME_SETTINGS.minWordLength && !JOINING.has(w));
}

/** @internal Initials of each run of consecutive words of the title ("Centro Diurno Integrato" → "cdi"). */
export function initialRuns(titleWords: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < titleWords.length; i++) {
    let acr = "";
    for (let k = i; k < Math.min(titleWords.length, i + 6); k++) {
      acr += titleWords[k]![0];
      if (acr.length >= 2) out.add(acr);
    }
  }
  return out;
}

/** A title's words as short names are compared with them: how many, their stems, their initials' runs. */
interface TitleWords {
  count: number;
  stems: Set<string>;
  acronyms: Set<string>;
}

/**
 * Each title read once: a table's every name is compared with every title
 * read before it, so the same titles were split, stemmed and their initials
 * gathered again for each name.
 */
const titleWords = memo<TitleWords>(20_000);

function readTitleWords(title: string): TitleWords {
  const t = words(title);
  return { count: t.length, stems: new Set(t.map((w) => w.slice(0, NAME_SETTINGS.stem))), acronyms: initialRuns(t) };
}

/** The share (0–1) of a short name's words (`words(short)`) the title holds, by stem or as an acronym of its words. */
function scoreWords(s: readonly string[], t: TitleWords): number {
  if (s.length === 0) return 0;
  let found = 0;
  for (const w of s) if (t.stems.has(w.slice(0, NAME_SETTINGS.stem)) || (w.length <= 5 && t.acronyms.has(w))) found++;
  return found / s.length;
}

/** The share (0–1) of a short name's words the title holds, by stem or as an acronym of its words. */
export function nameScore(short: string, title: string): number {
  return scoreWords(words(short), titleWords(title, readTitleWords));
}

/** Of the titles, the one the short name refers to: the best score over the threshold, if no other ties it. */
export function referredTitle(short: string, titles: readonly (string | null)[]): number {
  // A short name is short: a few words, fewer than the title it names.
  const s = words(short);
  const n = s.length;
  if (n === 0 || n > NAME_SETTINGS.maxWords) return -1;
  let best = -1;
  let bestScore = NAME_SETTINGS.minShare - 1e-9;
  let tie = false;
  titles.forEach((t, k) => {
    if (!t) return;
    const tw = titleWords(t, readTitleWords);
    if (tw.count <= n) return;
    const sc = scoreWords(s, tw);
    if (sc > bestScore) [best, bestScore, tie] = [k, sc, false];
    else if (sc === bestScore && best >= 0) tie = true;
  });
  return tie ? -1 : best;
}

/** The share of the shorter title's words (by stem) the other holds: "fascicolo del personale" ~ "fascicoli personali del personale". */
export function sharedWords(a: string, b: string): number {
  const x = words(a).map((w) => w.slice(0, NAME_SETTINGS.stem));
  const y = new Set(words(b).map((w) => w.slice(0, NAME_SETTINGS.stem)));
  const xs = new Set(x);
  const n = Math.min(xs.size, y.size);
  if (n === 0) return 0;
  let k = 0;
  for (const w of xs) if (y.has(w)) k++;
  return k / n;
}
