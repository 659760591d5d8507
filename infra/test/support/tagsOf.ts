import type { TemplateResource } from './resourcesOfType';

/**
 * tagsOf reads a resource's tags whichever shape its type uses (a Key/Value list, a map, Budgets'
 * ResourceTags, EC2 launch-template TagSpecifications, or the EKS cluster provider's `Config.tags`);
 * undefined means the resource has none.
 */
export function tagsOf(resource: TemplateResource): Record<string, unknown> | undefined {
  const p = resource.properties;
  const specs = (p.LaunchTemplateData as { TagSpecifications?: unknown } | undefined)?.TagSpecifications;
  const raw =
    p.Tags ??
    p.ResourceTags ??
    (p.Config as { tags?: unknown } | undefined)?.tags ??
    (Array.isArray(specs) ? (specs[0] as { Tags?: unknown }).Tags : undefined);
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) {
    return Object.fromEntries((raw as { Key: string; Value: unknown }[]).map((t) => [t.Key, t.Value]));
  }
  return raw as Record<string, unknown>;
}
