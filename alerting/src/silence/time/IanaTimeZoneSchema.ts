import { z } from 'zod';
import { ZonedClock } from './ZonedClock';

/** IanaTimeZoneSchema validates a `timeZone` field: an IANA time zone name such as Europe/Berlin. */
export const IanaTimeZoneSchema = z
  .string({ error: 'timeZone must be a string' })
  .max(64, 'timeZone is too long to be an IANA time zone name')
  .refine(ZonedClock.isValidTimeZone, {
    error: (iss) =>
      `timeZone ${JSON.stringify(iss.input)} is not an IANA time zone name such as Europe/Berlin`,
  });
