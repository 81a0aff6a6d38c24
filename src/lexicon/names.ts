/**
 * Italian given names, as data: a name in capitals ("CONTI MARIO") or without
 * a title ("Carla Neri") is told from a phrase in capitals ("LAVORI
 * PUBBLICI", "Segretario Generale") by holding one of them. Compared folded
 * (lower case, no accents). A title (Dott.ssa, Ing.) or an initial (M. Rossi)
 * makes a person without this list.
 */
const NAMES = `
adele adriana adriano agata agnese agostino alberto alba alberta alda aldo alessandra alessandro alessia alessio
alfredo alice alida alma amalia amedeo amelia anastasia andrea angela angelo anita anna annalisa annamaria antonella
antonietta antonio arianna arturo assunta attilio aurora barbara beatrice benedetta benito bernardo bianca bruna bruno
camilla carla carlo carmela carmen carmine carolina caterina cecilia cesare chiara cinzia clara claudia claudio clarissa
concetta corrado cosimo costanza cristian cristiana cristina cristiano dalia damiano daniela daniele dario davide debora
denis diana diego dino domenica domenico donatella donato dora edoardo elena eleonora elio elisa elisabetta ella elvira
emanuela emanuele emilia emiliano emilio emma enrica enrico enzo erica ermanno ernesto ester ettore eugenio eva fabiana
fabio fabrizia fabrizio federica federico felice ferdinando fernanda filippo fiorella flavia flavio franca francesca
francesco franco gabriele gabriella gaetano gaia gianluca gianni giacomo gianfranco giada gilberto gino gioia giorgia
giorgio giovanna giovanni gisella giuditta giulia giuliana giuliano giulio giuseppe giuseppina gloria grazia graziella
guglielmo guido ida ilaria ilenia ines irene iris isabella ivan ivana ivo jacopo lara laura lea leonardo letizia lia
liliana lina lino livia lorena lorenzo loredana luana luca lucia luciana luciano lucio ludovica luigi luigia luisa
maddalena manuel manuela mara marcella marcello marco margherita maria mariangela marianna marilena marina mario marisa
marta martina massimo matilde matteo mattia maurizio mauro melania michela michele milena mirella mirko monica nadia
nicola nicoletta nicolò noemi norma nunzia ofelia orazio orietta ornella oscar ottavio paola paolo pasquale patrizia
patrizio piera pierluigi piero pietro pina rachele raffaele raffaella rebecca renata renato riccardo rina rita roberta
roberto rocco romano romina rosa rosalba rosanna rosaria rossana ruggero sabrina salvatore samuele sandra sandro santo
sara saverio sergio silvana silvia silvio simona simone sofia sonia stefania stefano susanna tamara teresa tiziana
tiziano tommaso tullio ugo umberto valentina valentino valeria valerio vanessa vanna vincenzo viola virginia vito
vittoria vittorio walter ylenia zeno
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

/** Some word of the text is a given name. */
export function holdsGivenName(text: string): boolean {
  for (const w of text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z]+/)) {
    if (GIVEN_NAMES.has(w)) return true;
  }
  return false;
}
