// The documents of the producer matrix committed as test fixtures
// (fixtures/producers/, `node scripts/make-producer-fixtures.mjs --fixtures`):
// two or three small ../shared/dev documents of each layout family, each
// printed by four producers or more, some rotated, one without ToUnicode
// maps, and scans of two of them. The gold and the text form go along.
export const FIXTURE_PICKS = {
  born: {
    "s1-19-asl-valle-del-corvo-schede-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s2-19-asl-valle-del-corvo-schede-2024": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-02-asl-valle-del-corvo-tabella-2024": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded", "calc-ods", "calc-xlsx", "nounicode"],
    "s1-08-comune-roccaduna-tabella-2026": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded", "calc-ods", "calc-xlsx", "rotated"],
    "s2-14-consorzio-terre-del-lenta-tabella-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-15-comune-castelbruna-fasi-2026": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded", "calc-ods"],
    "s2-09-asl-pietrascura-fasi-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-10-comune-san-mauro-in-collina-settori-2024": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded", "rotated"],
    "s1-04-provincia-roccalta-settori-2026": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-05-ateneo-castelvento-indicatori-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s2-05-ateneo-castelvento-indicatori-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-12-unione-medio-tessa-elenco-2024": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
    "s1-18-provincia-roccalta-elenco-2025": ["writer-odt", "writer-docx", "chromium-rules", "chromium-shaded"],
  },
  /** Scans (clean 300 dpi, rough 200 dpi) of a producer's PDF; `ocrmypdf` also the searchable scan. */
  scans: {
    "s1-02-asl-valle-del-corvo-tabella-2024": { producer: "writer-odt", ocrmypdf: true },
    "s2-14-consorzio-terre-del-lenta-tabella-2025": { producer: "chromium-shaded", ocrmypdf: false },
  },
};
