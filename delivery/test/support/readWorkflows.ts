import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './REPO_ROOT';

/** WorkflowStep is one step of a job, with the keys these tests look at. */
export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}

/** WorkflowJob is one job of a workflow, with the keys these tests look at. */
export interface WorkflowJob {
  name?: string;
  'runs-on'?: unknown;
  needs?: string | string[];
  if?: string;
  permissions?: unknown;
  environment?: string | { name: string; url?: string };
  'timeout-minutes'?: unknown;
  'continue-on-error'?: unknown;
  env?: Record<string, unknown>;
  strategy?: { matrix?: Record<string, unknown> };
  services?: Record<string, { image?: string }>;
  steps?: WorkflowStep[];
  uses?: string;
}

/** Workflow is a parsed workflow file. */
export interface Workflow {
  name?: string;
  on: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, WorkflowJob>;
}

/** WorkflowFile is one file of .github/workflows: its name, its text, and its parsed content. */
export interface WorkflowFile {
  file: string;
  path: string;
  text: string;
  workflow: Workflow;
}

/** WORKFLOWS_DIR is where GitHub reads the workflows from. */
export const WORKFLOWS_DIR = join(REPO_ROOT, '.github', 'workflows');

/** readWorkflows reads and parses every workflow file (.yml or .yaml), sorted by file name. */
export function readWorkflows(): WorkflowFile[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const path = join(WORKFLOWS_DIR, file);
      const text = readFileSync(path, 'utf8');
      return { file, path, text, workflow: parse(text) as Workflow };
    });
}
