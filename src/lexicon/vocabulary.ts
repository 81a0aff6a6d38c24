/**
 * The header vocabulary: Italian words administrations use for each column or
 * card label, mapped to a generic role. This is data — a new layout family is
 * supported by adding words here, not code. Terms are compared after
 * normalisation (lower case, no accents, no punctuation, no stop words) and
 * fuzzily (see match.ts), so damaged or unseen variants still map.
 *
 * Roles are generic: what "descrizione" means (an objective's description, a
 * step's title, an indicator's name) is decided by the table it stands in.
 */

export type Role =
  | "code" // a code column (cod., n.)
  | "objective" // names an objective (values: code or title)
  | "title" // titolo, denominazione
  | "step" // names a step/phase/activity (values: code or title)
  | "description"
  | "start"
  | "due"
  | "actualStart"
  | "actualEnd"
  | "weight"
  | "yearWeight"
  | "progress"
  | "owner"
  | "unit"
  | "status"
  | "indicator"
  | "kpiType"
  | "measure"
  | "target"
  | "actual"
  | "source"
  | "note"
  | "links"
  | "publicValue"
  | "month" // a month of a Gantt-style cronoprogramma (Gen … Dic): marks say when a step runs
  | "baseline" // an indicator's starting value printed without a year (history.baseline)
  | "extra"; // a known label that stays in `extra`

export interface VocabularyEntry {
  role: Role;
  terms: string[];
}

export const VOCABULARY: VocabularyEntry[] = [
  {
    role: "code",
    terms: [
      "cod", "codice", "n", "nr", "num", "numero", "id", "codice obiettivo", "cod obiettivo", "n obiettivo", "numero obiettivo", "rif",
      // a step's or an indicator's number (singular: the plural counts them, see "extra")
      "n fase", "numero fase", "n azione", "numero azione", "n indicatore", "numero indicatore", "n milestone",
    ],
  },
  {
    role: "objective",
    terms: [
      "obiettivo", "obiettivi", "titolo obiettivo", "descrizione obiettivo", "denominazione obiettivo", "nome obiettivo",
      "obiettivo operativo", "obiettivo specifico", "obiettivo esecutivo", "obiettivo gestionale", "obiettivo di performance",
      "obiettivo individuale", "obiettivo annuale", "scheda obiettivo", "obiettivi operativi", "obiettivi specifici",
      // other offices' words for an objective
      "linea di attivita", "linee di attivita", "linea attivita",
    ],
  },
  { role: "title", terms: ["titolo", "denominazione", "oggetto", "nome", "titolo progetto", "progetto"] },
  {
    role: "step",
    terms: [
      "step", "steps", "fase", "fasi", "attivita", "attivita e fasi", "fasi attivita", "azione", "azioni", "descrizione fase",
      "descrizione attivita", "descrizione azione", "fasi di attuazione", "steps intermedi", "sviluppo obiettivo steps intermedi", "cronoprogramma attivita", "sotto obiettivo", "intervento", "interventi",
      "attivita previste", "azioni previste", "fasi previste",
      // other offices' words for an objective's steps
      "milestone", "milestones", "tappa", "tappe", "fasi operative", "sotto obiettivi", "sottobiettivo", "sottobiettivi",
    ],
  },
  {
    role: "description",
    terms: ["descrizione", "modalita attuazione", "finalita", "contenuto", "descrizione estesa", "note descrittive"],
  },
  { role: "start", terms: ["inizio", "inizio previsto", "data inizio", "data inizio prevista", "dal", "avvio", "data avvio", "anno avvio", "anno inizio"] },
  {
    role: "due",
    terms: [
      "termine", "scadenza", "entro", "fine prevista", "fine", "data fine", "data fine prevista", "tempi", "tempistica",
      "tempi realizzazione", "tempi attuazione", "al", "data scadenza", "termine previsto", "cronoprogramma", "tempo", "data",
      "scadenza prevista", "tempistiche",
      // card labels: "Termine di realizzazione:", "Data di conclusione:"
      "termine realizzazione", "termine conclusione", "data conclusione", "data termine", "scadenza obiettivo", "termine ultimo",
      "tempistica realizzazione", "data obiettivo", "data target", "data prevista", "data completamento", "completamento", "data prevista conclusione", "periodo realizzazione", "periodo attuazione", "tempi previsti",
    ],
  },
  { role: "actualStart", terms: ["inizio effettivo", "data inizio effettiva", "inizio reale", "avvio effettivo"] },
  { role: "actualEnd", terms: ["fine effettiva", "data fine effettiva", "fine reale", "data completamento effettiva", "conclusione effettiva", "termine effettivo", "chiusura effettiva", "scadenza effettiva"] },
  {
    role: "weight",
    terms: [
      "peso", "pesi", "incidenza", "ponderazione", "peso ponderale", "peso step obiettivo", "peso obiettivo", "peso fase",
      "peso attivita", "incidenza obiettivo", "peso percentuale", "punteggio", "peso relativo", "rilevanza",
    ],
  },
  { role: "yearWeight", terms: ["peso anno", "peso annuale", "peso step anno", "incidenza annuale"] },
  {
    role: "progress",
    terms: ["avanzamento", "av", "avanz", "stato avanzamento", "percentuale avanzamento", "percentuale completamento", "realizzazione", "grado realizzazione", "avanzamento percentuale"],
  },
  {
    role: "owner",
    terms: [
      "responsabile", "referente", "dirigente", "responsabili", "direttore", "direttrice", "coordinatore", "coordinatrice", "ref", "resp", "titolare", "personale coinvolto", "responsabile attuazione",
      "responsabile obiettivo", "soggetto responsabile", "risorse umane coinvolte", "personale assegnato",
      "funzionario responsabile", "funzionario incaricato", "funzionario referente", "rup", "dirigente competente",
      "dirigente responsabile", "responsabile procedimento", "referente obiettivo", "responsabile eq", "incaricato eq", "titolare po", "titolare eq", "responsabile po", "titolare posizione organizzativa", "responsabile servizio", "responsabile area",
      // not "responsabile settore": within OCR distance, "RESPONSABILE Ettore …" would read as that label
    ],
  },
  {
    role: "unit",
    terms: [
      "centro responsabilita", "cdr", "settore", "area", "ufficio", "servizio", "struttura", "unita organizzativa",
      "direzione", "struttura responsabile", "settore servizio", "area organizzativa", "uo", "centro di costo", "struttura organizzativa",
      "unita operativa", "dipartimento", "ripartizione", "ufficio responsabile", "settore responsabile", "servizio responsabile", "area riferimento",
      "servizio ufficio", "settore area", "area responsabile", "struttura di riferimento", "servizio di riferimento",
      // the units an objective shared by several involves ("Aree coinvolte: Area A, Area B", "Tutti i Settori")
      "aree coinvolte", "strutture coinvolte", "settori coinvolti", "servizi coinvolti", "uffici coinvolti", "unita coinvolte",
    ],
  },
  { role: "status", terms: ["stato", "esito", "raggiungimento", "stato obiettivo", "grado raggiungimento", "valutazione"] },
  {
    role: "indicator",
    terms: [
      "indicatore", "indicatori", "kpi", "kpi key performance indicator", "key performance indicator", "strumento verifica",
      "descrizione indicatore", "indicatore risultato", "indicatore generale raggiungimento", "indicatore performance",
      "strumento verifica obj indicatore", "indicatori risultato", "misuratore", "indicatore misurazione",
      "ind", "indicatore output", "indicatore outcome", "indicatore impatto", "parametro misurazione", "modalita verifica", "indicatori performance",
    ],
  },
  { role: "kpiType", terms: ["tipo", "tipologia", "tipo indicatore", "tipologia indicatore", "categoria indicatore", "dimensione", "dimensione indicatore"] },
  { role: "measure", terms: ["indice", "unita misura", "um", "u m", "udm", "u d m", "formula", "metrica", "modalita calcolo", "formula calcolo", "metodo calcolo"] },
  {
    role: "target",
    terms: ["target", "tgt", "valore atteso", "risultato atteso", "valore obiettivo", "target atteso", "valore target", "risultati attesi", "valore programmato", "atteso", "output atteso", "prodotto atteso", "soglia", "valore soglia", "standard atteso"],
  },
  {
    role: "actual",
    terms: ["valore raggiunto", "valore consuntivo", "risultato raggiunto", "consuntivo", "valore rilevato", "risultato conseguito", "valore conseguito", "raggiunto"],
  },
  { role: "baseline", terms: ["baseline", "valore partenza", "valore iniziale", "valore base", "dato partenza", "situazione iniziale", "livello partenza", "valore baseline", "base line"] },
  { role: "source", terms: ["fonte", "fonte dato", "fonte dati", "fonte dei dati", "fonte informativa", "fonte verifica"] },
  { role: "note", terms: ["note", "annotazioni", "osservazioni", "nota"] },
  {
    role: "links",
    terms: [
      "obiettivi strategico operativi collegati", "obiettivi collegati", "collegamento", "collegato", "obiettivo strategico",
      "obiettivo mandato", "obiettivo missione", "obiettivo programma", "linea mandato", "linee mandato", "collegamento dup",
      "obiettivo strategico collegato", "obiettivo operativo dup", "missione programma", "riferimento dup",
      "linea strategica", "linee strategiche", "indirizzo strategico", "missione", "programma",
      "collegamento piano strategico", "collegamento obiettivi strategici", "riferimento piano strategico", "obiettivo piano strategico",
    ],
  },
  { role: "publicValue", terms: ["valore pubblico", "dimensione valore pubblico", "ambito valore pubblico", "obiettivo valore pubblico"] },
  // Labels that name a field of their own and must not fall into a broader role by containment.
  // German and Slovenian labels printed beside the Italian ones in bilingual administrations ("Peso / Gewichtung",
  // "Scadenza / Rok"): the same roles, so a bilingual header reads as the Italian one.
  { role: "step", terms: ["phase", "phasen", "faza", "faze", "massnahme", "aktivitat"] },
  { role: "description", terms: ["beschreibung", "details", "opis"] },
  { role: "due", terms: ["frist", "termin", "rok"] },
  { role: "weight", terms: ["gewichtung", "gewicht", "utez"] },
  { role: "owner", terms: ["verantwortliche", "verantwortlicher", "odgovorna oseba", "odgovorni"] },
  { role: "unit", terms: ["organisationseinheit", "amt", "dienst", "urad", "sluzba"] },
  { role: "indicator", terms: ["indikator", "kazalnik"] },
  { role: "target", terms: ["zielwert", "ciljna vrednost"] },
  { role: "extra", terms: ["area strategica", "aree strategiche", "referente politico", "assessore", "assessore referente", "assessore riferimento", "stato attuazione", "stakeholder", "stakeholders", "assessorato", "criticita", "costi", "anno primo inserimento piao", "anno riferimento", "annualita", "esercizio riferimento", "situazione attuale", "situazione attesa", "benefici attesi", "risorse finanziarie", "portatori interesse", "stanziamento", "stanziamenti", "importo", "importi", "capitolo", "capitolo bilancio", "previsione spesa", "spesa prevista", "budget", "costo", "euro", "nome breve", "titolo breve", "denominazione breve", "nome sintetico", "titolo sintetico",
    // dates of the acts that approved a plan or a project, no deadline of it
    "data delibera", "data deliberazione", "data approvazione", "data atto", "data determina", "data determinazione", "data decreto", "data protocollo", "estremi atto", "atto approvazione",
    // the kind of objective a card or a report names ("Tipo obiettivo: Esecutivo"): kept as printed
    "tipo obiettivo", "tipologia obiettivo",
    // counts and totals a report prints per record or group ("N. fasi: 3", "Numero obiettivi: 2"): no code of one
    "numero obiettivi", "n obiettivi", "numero fasi", "n fasi", "numero azioni", "n azioni", "numero indicatori", "n indicatori",
    "totale obiettivi", "totale pesi", "totale peso", "totale ponderazione"] },
];

/** Italian words ignored when comparing labels ("centro DI responsabilità"). */
export const STOP_WORDS = new Set([
  "di", "del", "della", "dello", "dei", "degli", "delle", "da", "dal", "e", "ed", "il", "lo", "la", "i", "gli", "le", "l",
  "per", "in", "nel", "nella", "sul", "sulla", "a", "al", "alla", "o", "un", "una", "con",
  // elided forms ("sull'obiettivo", "dell'ente")
  "sull", "dell", "all", "nell", "dall", "un", "quest",
]);

/** Status words: a column with no header whose values are these is the status. */
export const STATUS_WORDS = [
  "nuovo", "confermato", "modificato", "consolidato", "in prosecuzione", "in fase di avvio", "ridefinito",
  "raggiunto", "non raggiunto", "parzialmente raggiunto", "in corso", "concluso", "completato", "avviato", "non avviato",
  "sospeso", "realizzato", "non realizzato", "parzialmente realizzato", "annullato", "rinviato", "da avviare", "in ritardo",
];

/** Words that make a caption or heading an objective *kind* rather than a unit. */
export const KIND_CUES = /\b(obiettiv\w*|performance|peg|piano\s+degli?\s+obiettivi|pdo)\b/i;

/** A column label that names the objective ("Cod. obiettivo", "Obiettivo"): in a phase table it keys each row's objective. */
export const OBJECTIVE_LABEL = /\bobiettiv/i;

/**
 * A target's bound beside the expected value: "Soglia minima", "Valore di eccellenza", "Valore massimo",
 * "Tolleranza" (a scale of attainment: below the threshold nothing, at the expected value all, beyond it more).
 */
export const TARGET_BOUND_LABEL = /\b(?:soglia|minim[oa]|massim[oa]|eccellenz\w*|toller\w*|intervallo|range)\b/i;

/** A column giving each row's level or kind, as a word or a number ("Livello": 1, 2, 3; "Tipo voce"). */
export const ROW_LEVEL_LABEL = /^\s*(?:livello|tipo(?:\s+(?:di\s+)?voce)?|tipologia|level|grado)\b/i;

/** A column naming each row's parent record by its identifier: "ID padre", "Codice padre", "Livello superiore", "Parent". */
export const PARENT_LABEL = /\b(?:padre|genitore|superiore|parent|appartenenza|collegat[oa]\s+a)\b/i;

/** A column's label naming money ("Budget (€)", "Stanziamento 2026", "Importo", "Oneri di funzionamento (€)"). */
export const MONEY_LABEL = /€|\b(?:budget|stanziament[oi]|importo|importi|risorse\s+finanziarie|euro|oneri)\b/i;

/**
 * A links column that names a higher level of the plan's objectives ("Obiettivo strategico", "Linea strategica",
 * "Indirizzo strategico", "Linea di mandato"), as opposed to a reference to another plan or programme
 * ("Collegamento PNRR", "Missione", "Riferimento DUP"): only such a column may hold the titles of a table's rows.
 */
export const OBJECTIVE_LEVEL_LABEL = /\bobiettiv|\blinee?\s+(?:strategic|di\s+mandato|mandato)|\bindirizz/i;

/**
 * Month names, their short forms and quarters (I trim … IV trim) heading the columns of a Gantt-style
 * cronoprogramma. Kept out of the fuzzy vocabulary: month words fill prose
 * and deadline cells, and only a header row of them makes them labels.
 */
export const MONTH_LABEL =
  /^(?:(?:gen(?:naio)?|feb(?:braio)?|mar(?:zo)?|apr(?:ile)?|mag(?:gio)?|giu(?:gno)?|lug(?:lio)?|ago(?:sto)?|set(?:tembre)?|ott(?:obre)?|nov(?:embre)?|dic(?:embre)?)\.?|(?:[1-4]\s*[°^]?|i{1,3}|iv)\s*trim(?:estre)?\.?)(?:\s*[-/']?\s*(?:20)?\d\d)?$/i;

/** The first cell of a table's sum row ("Totale", "TOTALE PESI", "Tot.", a unit's subtotal "Totale Dipartimento Provinciale Nord", "Subtotale Area Tecnica", "Somma delle ponderazioni"): no record. */
export const TOTAL_ROW = /^(?:tot\.?|(?:sub\s?)?totale(?:\s+[\p{L}.,'’]+){0,8}|subtot\.?(?:\s+[\p{L}.,'’]+){0,8}|somma\s+(?:de[il]|delle|degli)\s+[\p{L}.,'’]+(?:\s+[\p{L}.,'’]+){0,5})\s*:?$/iu;

/** A label naming the year itself ("Anno di riferimento", "Esercizio"): a year beside it is its value, not a column's. */
export const YEAR_NAMING = /^(?:anno|annualit[àa]|esercizio)\b/i;

/**
 * A column's label that is a year, maybe after a value's word ("2023", "Anno 2024", "Valore 2024",
 * "Dato 2023"): an indicator's value in that year. The year is group 1.
 */
export const YEAR_LABEL = /^\s*(?:(?:anno|valore|dato|consuntivo|preconsuntivo|valore\s+consuntivo)\s+)?((?:19|20)\d\d)\s*$/i;

/**
 * The tail of a label dated by the day it reports on ("… al 30/06/2025", "… alla data del 30 giugno"):
 * a regular expression's source, ending the line, for the labels that carry it to open.
 */
export const DATED_BY_DAY = String.raw`\s+(?:(?:al|alla\s+data\s+del)\s+\d{1,2}(?:[./-]\d{1,2}(?:[./-]\d{2,4})?|\s+\p{L}+(?:\s+\d{4})?)|\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4}))$`;

/** A number's sign before a counter ("n. 1", "n° 3", "nr. 12"): a regular expression's source. */
export const NUMBER_SIGN = String.raw`(?:n|nr|num)\s*[.°º]`;

/** Words saying that what follows is not objectives: "non sono obiettivi", "per memoria", "a titolo informativo". */
export const NOT_OBJECTIVES = /\b(?:non\s+(?:sono|costituiscono|rientrano\s+(?:tra|fra)(?:\s+gli)?)\s+obiettivi|per\s+memoria|a\s+titolo\s+(?:informativo|conoscitivo))\b/i;

/** A cell saying "the same as above": ditto marks and their words ("〃", "\"", "idem", "id.", "come sopra"). */
export const DITTO_MARK = /^(?:〃|"|“|”|''|idem|id\.?|come\s+sopra)$/i;

/** Letters Italian does not write (German's umlauts and ß, the Slavic carons). */
export const FOREIGN_LETTERS = /[äöüßčšžćđ]/i;
/** Words of German and Slovenian, the languages printed beside Italian in Italy's bilingual areas, Italian never uses. */
export const FOREIGN_WORDS = /\b(?:der|die|das|und|für|von|mit|zur|zum|des|dem|den|im|ein|eine|einer|einem|einen|zwei|bis|dez|auf|aus|nach|za|ter|pri|je|ali|od|iz|na)\b/gi;
/** A long capitalised word inside a text (German nouns: "Informationskampagne", "Schulungsstunden"). */
export const FOREIGN_NOUN = /(?<=\s)\p{Lu}\p{Ll}{9,}/u;
/** Italian's own small words: a text holding one is Italian, whatever its capitals. */
export const ITALIAN_WORDS = /\b(?:di|del|della|dei|degli|delle|e|per|con|il|la|le|lo|gli|un|una|al|alla|ai|nel|nella|da|in|che)\b/i;
/** Endings of German nouns no Italian word has ("Personalamt", "Sozialdienste", "Verwaltung", "Sicherheit"). */
export const FOREIGN_ENDINGS = /\p{L}{2}(?:ung(?:en)?|heit|keit|schaft|amt|dienste?|werk)\b/iu;

/** Indicator words that say the indicator is measured in time: its target is a deadline. */
export const TIME_MEASURE = /\b(tempo|tempi|temporale|tempistica|scadenza|data|entro)\b/i;

/** Category words that, alone in an indicator cell, are the indicator's type as well as its name. */
export const KPI_CATEGORY_WORDS = /^(temporale|percentuale|numerico|quantitativo|qualitativo|economico|finanziario|efficacia|efficienza|qualit[aà]|binario|on\/off|si\/no)$/i;

/**
 * Recurrence words that fill a deadline column on their own ("annuale",
 * "trimestre/anno"). Singular only: a plural ("rapporti annuali") agrees with a
 * noun of the text before it.
 */
export const PERIOD_WORDS = /^(annuale|semestrale|trimestrale|mensile|bimestrale|quadrimestrale|trimestre|semestre)(\/(anno|trimestre|semestre|mese))?$/i;

/** Words that open the name of an organisational unit ("Settore Lavori Pubblici", "UOC Farmacia"). */
export const UNIT_WORDS = [
  "settore", "area", "uoc", "uos", "uosd", "u\\.o\\.c\\.", "u\\.o\\.", "uo", "servizio", "servizi", "ufficio", "direzione", "dipartimento",
  "ripartizione", "struttura", "unit[aà] organizzativa", "unit[aà] operativa", "centrale", "segreteria", "polizia", "comando",
  "sportello", "staff", "distretto", "presidio",
  // offices known by their acronym: the one-stop shops, the joint procurement office, the public relations office
  "suap", "sue", "cuc", "urp",
];

/** Titles and honorifics that open a person's name ("Dott.ssa Carla Neri", "Ing. P. Galli"). */
export const PERSON_TITLES = [
  "dott\\.?ssa", "dott", "dr\\.?ssa", "dr", "ing", "arch", "geom", "rag", "avv", "prof\\.?ssa", "prof", "sig\\.?ra", "sig", "p\\.?\\s?i", "per\\.?\\s?ind", "comm", "col", "magg", "cap", "ten", "isp",
];

/** Header words of a key/value table that say only "label" and "value" ("Campo | Valore", "Voce | Descrizione"), normalised. */
export const GENERIC_HEADERS = new Set([
  "campo", "campi", "valore", "valori", "voce", "voci", "contenuto", "contenuti", "elemento", "elementi", "dato", "dati",
  "informazione", "informazioni", "dettaglio", "dettagli", "attributo", "caratteristica", "caratteristiche", "descrizione",
  "specifiche", "parametro", "chiave", "scheda", "schede",
]);

/** Roles whose card value may run over several paragraphs (a description, an unknown field). */
export const LONG_VALUE_ROLES = new Set<Role | null>(["description", "extra", null]);

/**
 * Qualifiers of an objective label that name a higher level than the card's
 * own objective ("Obiettivo strategico", "Obiettivo specifico" above
 * "Obiettivo operativo / annuale"): of several objective labels in one card,
 * these are its links, not its title.
 */
export const HIGHER_OBJECTIVE = /\b(strateg\w*|specific\w*|general\w*|triennal\w*|pluriennal\w*|mandato|dup|missione|programma|indirizzo)\b/i;

/** A heading or group label naming a kind of objective: it opens with the word ("Obiettivi trasversali", "Obiettivo di PEG"). */
/**
 * Headings of the PIAO's other sub-sections: anticorruption and transparency, the organisation, staffing,
 * training, remote work. Their tables (risk measures with owners and deadlines, training plans, staff
 * needs) look plan-like but hold no performance objective.
 */
export const OTHER_SECTION =
  /\b(rischi\s+corruttivi|anticorruzione|prevenzione\s+della\s+corruzione|trasparenza|piano\s+(?:triennale\s+)?(?:della\s+|di\s+)?formazione|formazione\s+del\s+personale|fabbisogn\w*\s+(?:di\s+|del\s+)?personale|lavoro\s+agile|organizzazione\s+e\s+capitale\s+umano|struttura\s+organizzativa|azioni\s+positive|risorse\s+(?:finanziarie|disponibili|strumentali)|dotazione\s+(?:organica|di\s+personale))\b/i;

export const KIND_HEADING = /^(?:\d+(?:\.\d+)*\.?\s+)?obiettiv[oi]\b/i;

/** Short forms of "obiettivo" that open a card with a code after them ("Ob. OP-01 – …", "Obj. 3"). */
export const OBJECTIVE_ABBREVIATION = /^(?:ob|obj|obb|obiet|obiett)\.?$/i;

/**
 * Cue words of fields told in running text (parse/prose.ts): "Le fasi
 * previste sono: …", "l'indicatore è …, con target …", "ha peso 15", "pesa
 * il 25%", "Il termine è fissato al 31/12/2026".
 */
export const PROSE_CUES = {
  /** A clause naming steps, up to the colon before their list. */
  // (or a verb saying what they are: "Le fasi previste sono …", "le azioni comprendono …")
  steps: /(?<![\p{L}])(?:fas[ei]|passagg[io]|azion[ei]|attivit[àa]|tapp[ae]|step|interventi)\b(?:[^:.;]{0,30}:|[^:.;]{0,30}?\s(?:sono|prevedono|comprendono|consistono\s+in))\s*/iu,
  /** A verb listing the steps with no word for them ("Prevede la migrazione … (entro luglio) e la formazione …"). */
  stepsVerb: /(?<![\p{L}])(?:prevede|comprende|sono\s+previst[ei]|si\s+articola\s+in)\s+/iu,
  /** The indicator's cue, up to its name. */
  indicator: /(?<![\p{L}])(?:(?:l['’]\s*)?indicatore(?:\s+(?:scelto|individuato|di\s+riferimento|di\s+risultato))?(?:\s+(?:è|e'))?\s*:?|(?:il\s+risultato\s+)?si\s+misura\s+con|lo\s+misura)\s*/iu,
  /** The target's cue after the indicator's name. */
  target: /,?\s*(?:con\s+(?:un\s+|il\s+)?)?(?:target|valore\s+atteso)\s*(?:(?:di|pari\s+a|del|:)\s*)?|,?\s*(?:che\s+)?(?:dovr[àa]|dovranno|deve|devono)\s+(?:essere|restare|rimanere|raggiungere)\s+(?=(?:almeno|non\s+(?:superiore|inferiore|oltre)|pari\s+a|[≥≤<>=]|\d))|,\s*(?=almeno\s+\d)/iu,
  /** A weight: "peso 15", "peso di 25", "pesa il 25%", "il peso assegnato è del 40%". */
  weight: /(?<![\p{L}])pes(?:[oa]|at[oa])(?:\s+(?:assegnato|attribuito|complessivo|relativo|pari|è|e'|di|del|al|a|il|[da]ll['’]obiettivo))*\s+(\d{1,3}(?:[.,]\d+)?\s*(?:%|per\s?cento|punti)?)(?![\d.,]*\d)/iu,
  /** A deadline told as a term: "il termine è fissato al 31/12/2026", "scadenza al 31 ottobre 2025". */
  term: /(?<![\p{L}])(?:termin[ei]|scadenz[ae])\b[^.;]{0,30}?\b(?:al|il|entro\s+il|entro)\s+(.+)/iu,
  /** A deadline told as the objective's end: "l'obiettivo si conclude nel secondo semestre 2025". */
  ends: /(?<![\p{L}])(?:si\s+conclude|si\s+chiude|termina|da\s+concludere|da\s+completare)\s+(?:nel|nella|entro(?:\s+il)?|il|al|a)\s+(.+)/iu,
  /** Prose after an opener's title: at least this many characters. */
  minProse: 30,
};
