/** Normalizers for Italian cell texts: numbers, quantities, dates, targets. */
export { isPlaceholder, parseItalianNumber, parseQuantity } from "./numbers.js";
export { parseDate, looksLikeDate } from "./dates.js";
export type { DateContext, DateParse } from "./dates.js";
export { parseTarget } from "./targets.js";
