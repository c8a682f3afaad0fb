import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { isFenghuoError } from '../../domain/errors.js';
import { actOnLink, readActionLink } from '../../operations/paging/act-on-link.js';
import type { App, RouteDeps } from '../app-types.js';
import { statusFor } from '../errors.js';
import { actionPage, errorPage, resultPage } from './respond-page.js';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 1024 }) });

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(html);
}

function failure(reply: FastifyReply, err: unknown): FastifyReply {
  if (!isFenghuoError(err)) throw err;
  return sendHtml(reply, statusFor(err.code), errorPage(err.message));
}

/**
 * Acknowledge/resolve links from pages. Public on purpose: the signed, expiring token in the path
 * is the credential. GET only shows the incident and a button (link previews fetch with GET);
 * the button's POST takes the action, in the name of the person the page went to.
 */
export function respondRoutes(app: App, { deps }: RouteDeps): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // The button is a plain HTML form; its (empty) urlencoded body carries nothing we read.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) =>
      done(null, {}),
    );

    for (const action of ['acknowledge', 'resolve'] as const) {
      const path = `/respond/${action === 'acknowledge' ? 'ack' : 'resolve'}/:token`;
      scope.get(path, {
        config: { access: 'public' },
        schema: { hide: true, params: Params },
        handler: async (request, reply) => {
          try {
            const view = await readActionLink(deps, request.params.token);
            if (view.link.action !== action) return sendHtml(reply, 400, errorPage('this link is for another action'));
            return sendHtml(reply, 200, actionPage(view.user.locale, view.incident, action));
          } catch (err) {
            return failure(reply, err);
          }
        },
      });
      scope.post(path, {
        config: { access: 'public' },
        schema: { hide: true, params: Params },
        handler: async (request, reply) => {
          try {
            const view = await readActionLink(deps, request.params.token);
            if (view.link.action !== action) return sendHtml(reply, 400, errorPage('this link is for another action'));
            const result = await actOnLink(deps, request.params.token);
            return sendHtml(reply, 200, resultPage(view.user.locale, result.incident, action, result.done ? null : result.reason));
          } catch (err) {
            return failure(reply, err);
          }
        },
      });
    }
  });
}
