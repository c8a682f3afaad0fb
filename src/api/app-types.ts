import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Deps } from '../operations/context.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ApiOptions {
  sessionHours: number;
  cookieSecure: boolean;
  /** FENGHUO_PUBLIC_URL, for links handed out (calendar feeds); absent: the address the caller used. */
  publicUrl?: string;
}

/** What every route module receives. */
export interface RouteDeps {
  deps: Deps;
  options: ApiOptions;
}
