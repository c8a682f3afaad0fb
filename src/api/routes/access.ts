import { Type } from '@sinclair/typebox';
import { FenghuoError, isFenghuoError } from '../../domain/errors.js';
import { LoginThrottle } from '../../operations/access/login-throttle.js';
import { login, logout } from '../../operations/access/sessions.js';
import { createToken, revokeToken } from '../../operations/access/tokens.js';
import { createUser, publicUser, updateUser } from '../../operations/access/users.js';
import { getUser, listAudit, listTokens, listUsers } from '../../operations/access/read-access.js';
import { whoAmI } from '../../operations/access/who-am-i.js';
import type { App, RouteDeps } from '../app-types.js';
import { SESSION_COOKIE, readCookie, sessionCookie } from '../auth.js';
import { contextOf } from '../context.js';
import { cursorAfterId, encodeCursor, iso, tokenJson, userJson } from '../presenters.js';
import {
  CreateTokenBody,
  CreateUserBody,
  IdParam,
  ListQuery,
  LoginBody,
  TokenSchema,
  UpdateUserBody,
  UserSchema,
  listOf,
} from '../schemas.js';

const SystemActor = { type: 'system', id: null, name: 'anonymous', role: 'viewer' } as const;

export function accessRoutes(app: App, { deps, options }: RouteDeps): void {
  const throttle = new LoginThrottle(deps.clock);
  app.post('/api/v1/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets an HttpOnly session cookie',
      body: LoginBody,
      response: { 200: Type.Object({ user: UserSchema }) },
    },
    handler: async (request, reply) => {
      const keys = [`email:${request.body.email.trim().toLowerCase()}`, `ip:${request.ip}`];
      throttle.check(keys);
      const result = await login({ ...deps, actor: SystemActor, requestId: String(request.id) }, request.body, options.sessionHours).catch(
        (err: unknown) => {
          if (isFenghuoError(err) && err.code === 'unauthenticated') throttle.recordFailure(keys);
          throw err;
        },
      );
      throttle.recordSuccess(keys);
      void reply.header(
        'set-cookie',
        sessionCookie(result.session, { maxAgeSeconds: options.sessionHours * 3600, secure: options.cookieSecure }),
      );
      return { user: userJson(publicUser(result.user)) };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'viewer' },
    schema: { tags: ['auth'], summary: 'Sign out' },
    handler: async (request, reply) => {
      const session = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (session) await logout(contextOf(deps, request), session);
      void reply.header('set-cookie', sessionCookie('', { maxAgeSeconds: 0, secure: options.cookieSecure }));
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: 'viewer' },
    schema: {
      tags: ['auth'],
      summary: 'Who am I (with a user’s own time zone and locale); firstRun: an admin, and nobody but the bootstrap admin is set up yet',
      response: {
        200: Type.Object({
          type: Type.String(),
          id: Type.Union([Type.String(), Type.Null()]),
          name: Type.String(),
          role: Type.String(),
          firstRun: Type.Boolean(),
          timeZone: Type.Union([Type.String(), Type.Null()]),
          locale: Type.Union([Type.String(), Type.Null()]),
        }),
      },
    },
    handler: (request) => whoAmI(contextOf(deps, request)),
  });

  userRoutes(app, { deps, options });
  tokenRoutes(app, { deps, options });

  app.get('/api/v1/audit', {
    config: { access: 'admin' },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first',
      querystring: Type.Object(
        {
          targetType: Type.Optional(Type.String({ maxLength: 50 })),
          targetId: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        },
        { additionalProperties: false },
      ),
    },
    handler: async (request) => {
      const rows = await listAudit(contextOf(deps, request), { ...request.query, limit: request.query.limit ?? 100 });
      return { items: rows.map((r) => ({ ...r, at: iso(r.at) })), nextCursor: null };
    },
  });
}

function userRoutes(app: App, { deps }: RouteDeps): void {
  const tags = ['users'];
  app.get('/api/v1/users', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'List users',
      querystring: Type.Object(ListQuery, { additionalProperties: false }),
      response: { 200: listOf(UserSchema) },
    },
    handler: async (request) => {
      const { cursor, limit = 50 } = request.query;
      const page = await listUsers(contextOf(deps, request), { after: cursorAfterId(cursor), limit });
      const last = page.items.at(-1);
      return {
        items: page.items.map(userJson),
        nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null,
      };
    },
  });
  app.post('/api/v1/users', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a user', body: CreateUserBody, response: { 201: UserSchema } },
    handler: async (request, reply) => reply.status(201).send(userJson(await createUser(contextOf(deps, request), request.body))),
  });
  app.get('/api/v1/users/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Get a user', params: IdParam, response: { 200: UserSchema } },
    handler: async (request) => userJson(await getUser(contextOf(deps, request), request.params.id)),
  });
  app.patch('/api/v1/users/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Change a user (role, password, disable…)',
      params: IdParam,
      body: UpdateUserBody,
      response: { 200: UserSchema },
    },
    handler: async (request) => userJson(await updateUser(contextOf(deps, request), request.params.id, request.body)),
  });
  app.delete('/api/v1/users/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Disable a user (records that name them stay intact)', params: IdParam, response: { 200: UserSchema } },
    handler: async (request) => {
      if (request.params.id === request.actor?.id) throw new FenghuoError('conflict', 'you cannot disable yourself');
      return userJson(await updateUser(contextOf(deps, request), request.params.id, { disabled: true }));
    },
  });
}

function tokenRoutes(app: App, { deps }: RouteDeps): void {
  const tags = ['tokens'];
  app.get('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: { tags, summary: 'List API tokens (never their secrets)', response: { 200: listOf(TokenSchema) } },
    handler: async (request) => ({ items: (await listTokens(contextOf(deps, request))).map(tokenJson), nextCursor: null }),
  });
  app.post('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Create an API token; the secret is shown only in this response',
      body: CreateTokenBody,
      response: { 201: Type.Composite([TokenSchema, Type.Object({ token: Type.String() })]) },
    },
    handler: async (request, reply) => {
      const { token, record } = await createToken(contextOf(deps, request), request.body);
      return reply.status(201).send({ ...tokenJson(record), token });
    },
  });
  app.delete('/api/v1/tokens/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Revoke a token', params: IdParam, response: { 200: TokenSchema } },
    handler: async (request) => tokenJson(await revokeToken(contextOf(deps, request), request.params.id)),
  });
}
