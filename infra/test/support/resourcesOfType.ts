import type { CdkTemplate } from './synthStage';

/** TemplateResource is one resource of a synthesized template, with its logical id. */
export interface TemplateResource {
  readonly id: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
}

/** resourcesOfType lists the template's resources of one CloudFormation type (all of them without a type). */
export function resourcesOfType(json: CdkTemplate, type?: string): TemplateResource[] {
  return Object.entries(json.Resources)
    .filter(([, r]) => type === undefined || r.Type === type)
    .map(([id, r]) => ({ id, type: r.Type, properties: r.Properties ?? {}, raw: r }));
}
