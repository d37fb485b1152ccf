import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';

export interface ApiPluginOptions {
  ctx: AppContext;
}

/** A group of routes, registered with the shared context and zod schemas. */
export type ApiPlugin = FastifyPluginAsync<ApiPluginOptions, import('node:http').Server, ZodTypeProvider>;
