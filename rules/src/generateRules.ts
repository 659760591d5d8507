import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs } from '@sightline/slo';
import type { SloDefinition } from '@sightline/slo';
import { renderRulesYaml } from './render/renderRulesYaml';

/** GeneratedRuleFile is one rule file the generator writes, relative to the repo root. */
export interface GeneratedRuleFile {
  path: string;
  content: string;
  slos: number;
}

/** buildRuleFiles loads every spec under rules/slos and renders one rule file per tenant. */
export function buildRuleFiles(root: string): GeneratedRuleFile[] {
  const defs = loadSpecs(join(root, 'rules', 'slos'), root);
  const byTenant = new Map<string, SloDefinition[]>();
  for (const d of defs) byTenant.set(d.tenant, [...(byTenant.get(d.tenant) ?? []), d]);
  return [...byTenant.keys()].sort().map((tenant) => {
    const slos = byTenant.get(tenant)!;
    return {
      path: join('rules', 'generated', `slo-${tenant}.yaml`),
      content: renderRulesYaml(slos),
      slos: slos.length,
    };
  });
}

/** generateRules writes rules/generated afresh, removing rule files of tenants that are gone. */
export function generateRules(root: string): GeneratedRuleFile[] {
  const files = buildRuleFiles(root);
  const dir = join(root, 'rules', 'generated');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.yaml')) rmSync(join(dir, name));
  for (const f of files) writeFileSync(join(root, f.path), f.content);
  return files;
}
