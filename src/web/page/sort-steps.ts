import type { FetchReport } from './report.ts';

/** One step of a fetch: a sort's crawl, or all partition queries together, and what it added to the catalog. */
export interface FetchStep {
  label: string;
  /** Pages of a sort's crawl; null for the partition step, whose queries are counted in its label. */
  pages: number | null;
  returned: number;
  added: number;
  duplicates: number;
  cumulativeUnique: number;
  ending: string;
}

/** The fetch's sorts in the report's stated order, then its partition queries as one step that ends at the total. */
export function fetchSteps(report: FetchReport): FetchStep[] {
  const steps: FetchStep[] = report.sorts.map((sort) => ({
    label: sort.sort,
    pages: sort.pages,
    returned: sort.returned,
    added: sort.new,
    duplicates: sort.duplicates,
    cumulativeUnique: sort.cumulativeUnique,
    ending: sort.error
      ? `error: ${sort.error}`
      : sort.exhausted
        ? 'cursor ran out'
        : sort.capped
          ? 'capped'
          : 'stopped',
  }));
  const parts = report.parts;
  if (parts.length > 0) {
    const failed = parts.filter((part) => part.error).length;
    steps.push({
      label: `partition (${parts.length} queries)`,
      pages: null,
      returned: sum(parts.map((part) => part.returned)),
      added: sum(parts.map((part) => part.new)),
      duplicates: sum(parts.map((part) => part.duplicates)),
      cumulativeUnique: report.uniqueModels,
      ending: failed > 0 ? `${failed} failed` : `${parts.filter((part) => part.refined).length} split further`,
    });
  }
  return steps;
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
