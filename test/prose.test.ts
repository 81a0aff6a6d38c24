/**
 * Fields told in running text (src/parse/prose.ts): each cue alone, the
 * steps after a colon, and sentences that name nothing.
 */
import { describe, expect, it } from "vitest";
import { hasDeadline, readProse, splitDeadline, stepItems, titleAndProse } from "../src/parse/prose.js";

const fields = (t: string) => readProse(t).fields.map((f) => [f.role, f.raw]);

describe("hasDeadline", () => {
  it("a deadline cued by `entro`, or a date closing the text after a dash", () => {
    expect(hasDeadline("Mappatura dei processi entro il 31/07/2025")).toBe(true);
    expect(hasDeadline("1.1 – Rilievo del piano viabile – 31/03/2026")).toBe(true);
    expect(hasDeadline("Rilievo del piano viabile sulla SP 12")).toBe(false);
    expect(hasDeadline("Ricognizione – Periodo: dal 01/02/2025 al 30/04/2025 – Peso: 30%")).toBe(true);
  });
});

describe("readProse: a unit named in lower case, an end told as such", () => {
  it("`affidato al Servizio sociale professionale (referente …)`, `si conclude nel secondo semestre 2025`", () => {
    expect(fields("L'obiettivo è affidato al Servizio sociale professionale (referente dott.ssa Luisa Ravizza) e pesa il 25%. L'obiettivo si conclude nel secondo semestre 2025.")).toEqual([
      ["unit", "Servizio sociale professionale"],
      ["owner", "dott.ssa Luisa Ravizza"],
      ["weight", "25%"],
      ["due", "secondo semestre 2025"],
    ]);
  });
});

describe("readProse: more cues", () => {
  it("`il peso attribuito all'obiettivo è pari a 35`, `scadenza al 31 ottobre 2025`, `valore atteso di almeno 150 km`", () => {
    expect(fields("Il peso attribuito all'obiettivo è pari a 35.")).toEqual([["weight", "35"]]);
    expect(fields("L'obiettivo ha peso 25 e scadenza al 31 ottobre 2025.")).toEqual([["weight", "25"], ["due", "31 ottobre 2025"]]);
    expect(fields("L'indicatore scelto è il numero di km di sentieri rinnovati, con un valore atteso di almeno 150 km.")).toEqual([
      ["indicator", "numero di km di sentieri rinnovati"],
      ["target", "almeno 150 km"],
    ]);
  });
});

describe("readProse", () => {
  it("a unit opened by its word, a person by a title, a weight by `peso`/`pesa`, a deadline by `entro`", () => {
    expect(fields("L'obiettivo, affidato al Servizio Patrimonio e Autoparco (resp. dott.ssa Ilaria Vendramin), pesa il 25% e si conclude entro il II semestre 2025 con l'acquisto dei mezzi.")).toEqual([
      ["unit", "Servizio Patrimonio e Autoparco"],
      ["owner", "dott.ssa Ilaria Vendramin"],
      ["weight", "25%"],
      ["due", "entro il II semestre 2025"],
    ]);
    expect(fields("Responsabile è l'ing. Bruno Castellaz, dirigente del Settore Viabilità; il peso assegnato è del 40%.")).toEqual([
      ["unit", "Settore Viabilità"],
      ["owner", "ing. Bruno Castellaz"],
      ["weight", "40%"],
    ]);
  });

  it("the indicator and its target, the article left out; a deadline in the target's clause stays the objective's", () => {
    expect(fields("L'indicatore è l'importo accertato, con un target di almeno € 180.000, da raggiungere entro il 31 dicembre 2025.")).toEqual([
      ["indicator", "importo accertato"],
      ["target", "almeno € 180.000"],
      ["due", "entro il 31 dicembre 2025"],
    ]);
    expect(fields("Indicatore: mezzi consegnati, target N. 4.")).toEqual([
      ["indicator", "mezzi consegnati"],
      ["target", "N. 4"],
    ]);
    expect(fields("Indicatore: istituti dotati di CPI, target ≥ 80%. Il termine è fissato al 31/12/2026.")).toEqual([
      ["indicator", "istituti dotati di CPI"],
      ["target", "≥ 80%"],
      ["due", "31/12/2026"],
    ]);
  });

  it("steps listed after a colon, each with its deadline; the sentence after the list is read on", () => {
    const r = readProse("Le fasi previste sono: ispezioni dei ponti, entro il 31 aprile 2025; affidamento dei lavori, entro il 30/11/2025. L'indicatore è il numero di ponti ispezionati, con target 46.");
    expect(r.steps).toEqual([
      { title: "ispezioni dei ponti", fields: [{ role: "due", raw: "entro il 31 aprile 2025" }] },
      { title: "affidamento dei lavori", fields: [{ role: "due", raw: "entro il 30/11/2025" }] },
    ]);
    expect(r.fields.map((f) => f.role)).toEqual(["indicator", "target"]);
  });

  it("a sentence with no cue adds nothing; a common noun is no unit, a number no weight without `peso`", () => {
    expect(readProse("Il nuovo servizio sarà esteso a 3 frazioni del territorio comunale.")).toEqual({ fields: [], steps: [] });
  });
});

describe("titleAndProse", () => {
  it("splits an opener's first sentence from the prose after it", () => {
    expect(titleAndProse("Riduzione dei tempi di pagamento. L'obiettivo, affidato al Servizio Ragioneria, ha peso 15.")).toEqual({
      title: "Riduzione dei tempi di pagamento",
      prose: "L'obiettivo, affidato al Servizio Ragioneria, ha peso 15.",
    });
  });

  it("a period after the opener's number, an abbreviation or a short tail is no sentence's end", () => {
    expect(titleAndProse("Obiettivo 1. Attuazione delle misure di prevenzione della corruzione previste dal PIAO")).toBeNull();
    expect(titleAndProse("Obiettivo n. 2 – Rinnovo dei mezzi")).toBeNull();
    expect(titleAndProse("Rinnovo dei mezzi. Fine.")).toBeNull();
  });
});

describe("stepItems", () => {
  it("items enumerated in sequence from a) or 1); a single enumerated item only when asked", () => {
    expect(stepItems("a) rilievo dei sentieri entro giugno 2025; b) posa della segnaletica entro il 31/10/2025")).toEqual(["rilievo dei sentieri entro giugno 2025", "posa della segnaletica entro il 31/10/2025"]);
    expect(stepItems("1) bando entro marzo 2025 2) aggiudicazione entro giugno 2025")).toEqual(["bando entro marzo 2025", "aggiudicazione entro giugno 2025"]);
    expect(stepItems("a) approvazione del piano entro il 30/05/2025")).toBeNull();
    expect(stepItems("a) approvazione del piano entro il 30/05/2025", undefined, true)).toEqual(["approvazione del piano entro il 30/05/2025"]);
  });

  it("pieces between semicolons or paragraphs, two at least with a deadline", () => {
    expect(stepItems("Solleciti entro il 31/03/2025; azioni legali entro il 30/09/2025")).toEqual(["Solleciti entro il 31/03/2025", "azioni legali entro il 30/09/2025"]);
    expect(stepItems("x", ["Progettazione entro marzo 2025", "Affidamento entro giugno 2025"])).toEqual(["Progettazione entro marzo 2025", "Affidamento entro giugno 2025"]);
    // Letters out of sequence, or a text with semicolons but no deadlines, lists nothing.
    expect(stepItems("vedi punto b) e punto d) del regolamento")).toBeNull();
    expect(stepItems("manutenzione; pulizia; sfalcio")).toBeNull();
  });
});

describe("titleAndProse: stops inside brackets", () => {
  it("a full stop inside a bracket (`resp. dott.`) ends no sentence", () => {
    expect(titleAndProse("Obiettivo 1 (resp. dott. Neri; peso 15%): riordino dell'archivio storico. L'obiettivo è affidato al Servizio Archivio, con peso 15.")).toEqual({
      title: "Obiettivo 1 (resp. dott. Neri; peso 15%): riordino dell'archivio storico",
      prose: "L'obiettivo è affidato al Servizio Archivio, con peso 15.",
    });
  });
});

describe("splitDeadline", () => {
  it("a deadline closing the text; none inside it or at its start", () => {
    expect(splitDeadline("rilievo dei sentieri entro giugno 2025")).toEqual({ title: "rilievo dei sentieri", due: "entro giugno 2025" });
    expect(splitDeadline("affidamento dei lavori, entro il 30/11/2025.")).toEqual({ title: "affidamento dei lavori", due: "entro il 30/11/2025" });
    expect(splitDeadline("entro il 30/11/2025 affidamento")).toBeNull();
    // A deadline in brackets closing the item: the bracket is not part of it.
    expect(splitDeadline("Censimento delle aree degradate (entro giugno 2025)")).toEqual({ title: "Censimento delle aree degradate", due: "entro giugno 2025" });
    expect(splitDeadline("consegna entro i termini di legge")).toBeNull();
  });
});

describe("readProse: labelled sentences and steps told in a sentence", () => {
  it("a sentence of labelled pieces (`Servizio: …; responsabile: p.a. …; peso: alto; scadenza: …`) gives each field; a title's abbreviation does not end it", () => {
    const r = readProse("Servizio: Ufficio Tecnico e Forestale; responsabile: p.a. Ettore Vanzetti; peso: alto; scadenza: 31 ottobre 2025. Indicatore: km di sentiero ripristinati; valore atteso: 40 km.");
    expect(r.fields.map((f) => [f.role, f.raw])).toEqual([
      ["unit", "Ufficio Tecnico e Forestale"],
      ["owner", "p.a. Ettore Vanzetti"],
      ["weight", "alto"],
      ["due", "31 ottobre 2025"],
      ["indicator", "km di sentiero ripristinati"],
      ["target", "40 km"],
    ]);
  });

  it("`Le fasi previste sono A (entro …) e B (entro …)`: each item a step, its bracketed deadline its due, the article left out", () => {
    const r = readProse("Le fasi previste sono l'accordo con i Comuni aderenti (entro aprile 2025) e la gara per l'affidamento del servizio (entro luglio 2025).");
    expect(r.steps).toEqual([
      { title: "accordo con i Comuni aderenti", fields: [{ role: "due", raw: "entro aprile 2025" }] },
      { title: "gara per l'affidamento del servizio", fields: [{ role: "due", raw: "entro luglio 2025" }] },
    ]);
  });
});

describe("hasDeadline: a date in brackets closing the text", () => {
  it("`Visita dell'ente (30 set. 2026)`, `… (entro il 31 maggio 2026)` carry a deadline; a bracket of words does not", () => {
    expect([hasDeadline("Visita dell'ente di accreditamento (30 set. 2026)"), hasDeadline("Validazione dei metodi (entro il 31 maggio 2026)"), hasDeadline("Validazione dei metodi (fase pilota)")]).toEqual([true, true, false]);
  });
});

describe("stepItems: bullets inside one cell", () => {
  it("`• A (31 mar. 2026) • B (fine I semestre 2026)`: one item after each bullet", () => {
    expect(stepItems("• Analisi delle pratiche sospese (31 mar. 2026) • Task force nei mesi di picco (fine I semestre 2026)")).toEqual([
      "Analisi delle pratiche sospese (31 mar. 2026)",
      "Task force nei mesi di picco (fine I semestre 2026)",
    ]);
  });
});

describe("objectives told in running prose", () => {
  it("steps listed with their deadline and weight in brackets, a verb listing them, the owner's name ending before the office", () => {
    const r = readProse(
      "Il primo obiettivo, cui il Consiglio attribuisce un peso del 30%, è affidato alla dott.ssa Marina Ottolenghi del Servizio Fruizione e dovrà concludersi entro il 31 ottobre 2026. Si articola in tre fasi: il censimento dei tratti franati (entro marzo, peso 30%), l'affidamento dei lavori (entro giugno, peso 30%) e la posa della segnaletica (entro ottobre, peso 40%). Il risultato si misura con i chilometri di sentiero riaperti, che dovranno essere almeno 45.",
    );
    expect(r.fields).toEqual(
      expect.arrayContaining([
        { role: "owner", raw: "dott.ssa Marina Ottolenghi" },
        { role: "unit", raw: "Servizio Fruizione" },
        { role: "weight", raw: "30%" },
        { role: "due", raw: "entro il 31 ottobre 2026" },
        { role: "indicator", raw: "chilometri di sentiero riaperti" },
        { role: "target", raw: "almeno 45" },
      ]),
    );
    expect(r.steps).toEqual([
      { title: "censimento dei tratti franati", fields: [{ role: "due", raw: "entro marzo" }, { role: "weight", raw: "30%" }] },
      { title: "affidamento dei lavori", fields: [{ role: "due", raw: "entro giugno" }, { role: "weight", raw: "30%" }] },
      { title: "posa della segnaletica", fields: [{ role: "due", raw: "entro ottobre" }, { role: "weight", raw: "40%" }] },
    ]);
    const v = readProse("Pesato al 20%, l'obiettivo si chiude entro il 30 novembre 2026. Prevede la migrazione delle pratiche entro luglio (peso 50%) e la formazione dei professionisti entro novembre (peso 50%).");
    expect(v.fields).toEqual(expect.arrayContaining([{ role: "weight", raw: "20%" }]));
    expect(v.steps.map((s) => [s.title, s.fields])).toEqual([
      ["migrazione delle pratiche", [{ role: "due", raw: "entro luglio" }, { role: "weight", raw: "50%" }]],
      ["formazione dei professionisti", [{ role: "due", raw: "entro novembre" }, { role: "weight", raw: "50%" }]],
    ]);
    // A verb with no dated items lists no steps.
    expect(readProse("Il progetto prevede il coinvolgimento di tutti i servizi e la revisione delle procedure.").steps).toEqual([]);
  });
});

describe("readProse: labelled sentences", () => {
  it("keep the unit named in a bracket after the head's name; a role's word in lower case is no owner", () => {
    const r = readProse("Titolare EQ: Geom. Fabio Rondelli (Servizio SUAP associato); ponderazione 20%; termine 31/10/2026. Altro testo.");
    expect(r.fields).toEqual([
      { role: "owner", raw: "Geom. Fabio Rondelli" },
      { role: "weight", raw: "20%" },
      { role: "due", raw: "31/10/2026" },
      { role: "unit", raw: "Servizio SUAP associato" },
    ]);
    const d = readProse("Responsabile: Dott. Giacomo Neri (Direttore generale); peso 15%; scadenza 31/12/2026.");
    expect(d.fields.filter((f) => f.role === "owner")).toEqual([{ role: "owner", raw: "Dott. Giacomo Neri" }]);
  });
});
