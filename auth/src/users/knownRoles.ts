import { Role } from '@sightline/contracts';

/** knownRoles keeps the stored roles this version knows, dropping any other string. */
export function knownRoles(stored: readonly string[]): Role[] {
  return stored.flatMap((r) => {
    const parsed = Role.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}
