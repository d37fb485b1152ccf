// A business's time zone must be one the runtime knows (IANA names, as Intl reads them): an
// unknown one would make every slot invalid, so it is refused where it enters, with a sentence.
import { z } from 'zod';

export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().refine(isTimeZone, {
  error: (issue) =>
    `"${String(issue.input)}" is not a time zone we know: use an IANA name such as America/Sao_Paulo or Europe/Lisbon`,
});
