/** Empty canonical objects: every key present, absent values null or []. */
import type { Kpi, Objective, Step, Where } from "./schema.js";

export function emptyKpi(): Kpi {
  return {
    name: null,
    type: null,
    measure: null,
    target: null,
    actual: null,
    history: null,
    source: null,
    note: null,
  };
}

export function emptyStep(where: Where): Step {
  return {
    id: null,
    title: null,
    start: null,
    due: null,
    actualStart: null,
    actualEnd: null,
    weight: null,
    yearWeight: null,
    progress: null,
    owner: null,
    unit: null,
    kpi: null,
    extra: {},
    where,
  };
}

export function emptyObjective(where: Where): Objective {
  return {
    id: null,
    title: null,
    description: null,
    kind: null,
    unit: null,
    owner: null,
    publicValue: null,
    links: [],
    weight: null,
    due: null,
    status: null,
    steps: [],
    kpis: [],
    extra: {},
    where,
  };
}
