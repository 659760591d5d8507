import { BadRequestError } from '@sightline/http';
import type { Request } from 'express';
import { z } from 'zod';

const Uuid = z.uuid();

/** idParam returns the validated :id path parameter (400 when it is not a UUID). */
export function idParam(req: Request): string {
  const parsed = Uuid.safeParse(req.params.id);
  if (!parsed.success) throw new BadRequestError('id: must be a UUID');
  return parsed.data;
}
