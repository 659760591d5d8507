/** RUNBOOK_BASE_URL is where docs/runbooks is published; every shipped alert links a page under it. */
export const RUNBOOK_BASE_URL = 'https://github.com/sightline/sightline/blob/main/docs/runbooks';

/** runbookUrl returns the runbook link of an alert, `docs/runbooks/<alertname>.md`. */
export function runbookUrl(alertName: string): string {
  return `${RUNBOOK_BASE_URL}/${alertName}.md`;
}
