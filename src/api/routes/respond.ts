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

/** Renders a page, or the error page with the error's status (a bad or expired link is a 401). */
async function htmlPage(reply: FastifyReply, render: () => Promise<string>): Promise<FastifyReply> {
  try {
    return sendHtml(reply, 200, await render());
  } catch (err) {
    if (!isFenghuoError(err)) throw err;
    return sendHtml(reply, statusFor(err.code), errorPage(err.message));
  }
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
      const route = { config: { access: 'public' as const }, schema: { hide: true, params: Params } };
      scope.get(path, {
        ...route,
        handler: (request, reply) =>
          htmlPage(reply, async () => {
            const view = await readActionLink(deps, request.params.token, action);
            return actionPage(view.user.locale, view.incident, action);
          }),
      });
      scope.post(path, {
        ...route,
        handler: (request, reply) =>
          htmlPage(reply, async () => {
            const result = await actOnLink(deps, request.params.token, action);
            return resultPage(result.user.locale, result.incident, action, result.done ? null : result.reason);
          }),
      });
    }
  });
}
