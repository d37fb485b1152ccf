import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ParleyError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { isConnectionLost } from '../store/connection-lost.ts';

/** Every error leaves as { error: { code, message, details? } } with a sentence a person can act on. */
export function installErrorHandler(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError | ParleyError, req, reply) => {
    if (err instanceof ParleyError) {
      if (err.status >= 500) log.error({ code: err.code, url: req.url }, err.message);
      return reply.code(err.status).send(err.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const details = err.validation.map((v) => ({
        path: `${where}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message,
      }));
      const first = details[0];
      return reply.code(400).send({
        error: {
          code: 'validation',
          message: first ? `${first.path}: ${first.message}` : 'The request is not valid',
          details,
        },
      });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status === 429)
      return reply
        .code(429)
        .send({ error: { code: 'rate_limited', message: 'Too many attempts: wait a minute and try again' } });
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ error: { code: (err.code ?? 'bad_request').toLowerCase(), message: err.message } });
    }
    if (isConnectionLost(err)) {
      log.warn({ err: err.message, url: req.url }, 'api: database connection lost');
      return reply.code(503).send({
        error: {
          code: 'unavailable',
          message: 'The database is not answering right now; try again in a moment',
        },
      });
    }
    log.error({ err: err.message, stack: err.stack, url: req.url }, 'api: unexpected error');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({
      error: {
        code: 'not_found',
        message: `No route ${req.method} ${req.url.split('?')[0]}; see /api/v1/openapi.json`,
      },
    }),
  );
}
