// A request whose body, query or path carries U+0000 or a lone surrogate answers 400 naming the
// field, on every route at once: PostgreSQL cannot store those characters, and the failure used to
// surface as a 500 from whichever route wrote the text (search, notes, names, canned responses).
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../errors.ts';
import { findUnstorable } from '../text/unstorable-text.ts';

export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const path = findUnstorable(value);
      if (path !== null)
        throw new ParleyError(
          'PARLEY_ERR_VALIDATION',
          `${where}${path === '.' ? '' : path}: contains U+0000 or a lone UTF-16 surrogate, which cannot be stored; remove the character`,
        );
    }
  });
}
