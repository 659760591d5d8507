import type { ObjectiveResult } from '../../report/WeeklyReport';
import { renderBudgetChart } from '../charts/renderBudgetChart';

/**
 * renderBudgetSection charts the error budget each objective has used over its period, and how much of that
 * this week used.
 */
export function renderBudgetSection(objectives: ObjectiveResult[]): string {
  return (
    `<section class="keep" aria-labelledby="budget"><h2 id="budget">Error budget</h2>\n` +
    `<p>Each bar is the share of the error budget used over the SLO's period that ends with this week; ` +
    `the dark part is what this week used. Past the 100 % line the objective is breached over the period.</p>\n` +
    `<figure>${renderBudgetChart(objectives)}</figure>\n</section>`
  );
}
