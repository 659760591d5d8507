/**
 * problemPath is the field path an api 400 detail starts with ("steps.0.waitMinutes: Too small…",
 * "spec.layers.1.handoffTime: handoffTime must be HH:mm…"), or null when it names none.
 */
export function problemPath(detail: string): string | null {
  return /^([A-Za-z0-9_.]+):\s/.exec(detail)?.[1] ?? null;
}

/**
 * problemField is the form field a detail is about: the longest of `fields` that is its path or holds it
 * ("steps.0.targets" for "steps.0.targets.1.id: …"), or null when the form has no such field.
 */
export function problemField(detail: string, fields: readonly string[]): string | null {
  const path = problemPath(detail);
  if (path === null) return null;
  let best: string | null = null;
  for (const f of fields)
    if ((path === f || path.startsWith(`${f}.`)) && (best === null || f.length > best.length)) best = f;
  return best;
}
