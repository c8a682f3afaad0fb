import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isFenghuoError } from '../../domain/errors.js';
import type { StatusLocale } from '../../domain/status/snapshot.js';
import { checkInboxPage, linkActionPage, linkDonePage, subscriptionErrorPage } from '../../notify/status/subscription-pages.js';
import { SUBSCRIBER_TEXT } from '../../notify/status/subscriber-text.js';
import { confirmSubscription, readConfirmLink } from '../../operations/status/subscribers/confirm-subscription.js';
import {
  addWebhookSubscriber,
  listPageSubscribers,
  removeSubscriber,
  type PublicSubscriber,
} from '../../operations/status/subscribers/manage-subscribers.js';
import { subscribe } from '../../operations/status/subscribers/subscribe.js';
import { MAX_SUBSCRIBER_COMPONENTS, STATUS_LOCALES } from '../../operations/status/subscribers/subscriber-input.js';
import { readUnsubscribeLink, unsubscribe } from '../../operations/status/subscribers/unsubscribe.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { handleError, statusFor } from '../errors.js';
import { cursorAfterId, encodeCursor, iso, isoOrNull } from '../presenters.js';
import { Iso, IsoOrNull, ListQuery, listOf, strict } from '../schemas.js';
import { fieldOf } from '../validation.js';

const enumOf = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Ref = Type.String({ minLength: 1, maxLength: 100 });
const ComponentIds = Type.Array(Ref, { maxItems: MAX_SUBSCRIBER_COMPONENTS, description: 'empty or absent: every component' });
const LocaleSchema = enumOf(STATUS_LOCALES);

const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) });
const LinkQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const SubscribeBody = Type.Object(
  {
    kind: enumOf(['email', 'webhook'] as const),
    address: Type.String({ minLength: 1, maxLength: 2048 }),
    componentIds: Type.Optional(ComponentIds),
    locale: Type.Optional(LocaleSchema),
  },
  strict,
);
const Accepted = Type.Object({ status: Type.Literal('accepted'), message: Type.String() });
const ACCEPTED: Static<typeof Accepted> = {
  status: 'accepted',
  message: 'If the address can receive mail, a message with a confirmation link is on its way.',
};

const PageParam = Type.Object({ id: Ref });
const SubscriberParams = Type.Object({ id: Ref, subscriberId: Ref });
const WebhookSubscriberBody = Type.Object(
  {
    kind: Type.Literal('webhook'),
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'http(s), without user:password' }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 512, description: 'HMAC key; generated when absent' })),
    componentIds: Type.Optional(ComponentIds),
    locale: Type.Optional(LocaleSchema),
  },
  strict,
);
const subscriberFields = {
  id: Type.String(),
  pageId: Type.String(),
  kind: enumOf(['email', 'webhook'] as const),
  address: Type.String({ description: 'masked' }),
  componentIds: Type.Array(Type.String()),
  locale: Type.String(),
  confirmed: Type.Boolean(),
  confirmedAt: IsoOrNull,
  createdAt: Iso,
};
const SubscriberSchema = Type.Object(subscriberFields);
const CreatedSubscriberSchema = Type.Object({
  ...subscriberFields,
  url: Type.String({ description: 'as given' }),
  secret: Type.String({ description: 'shown only now' }),
});

const subscriberJson = (s: PublicSubscriber) => ({
  ...s,
  confirmed: s.confirmedAt !== null,
  confirmedAt: isoOrNull(s.confirmedAt),
  createdAt: iso(s.createdAt),
});

// ---- the public side: no session, no cookie, HTML for people and JSON for programs ------------

const FORM = 'application/x-www-form-urlencoded';
/** Form fields as posted; repeated fields (`components`) keep every value. */
type FormFields = Record<string, string[]>;

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith(FORM);
}

function parseForm(body: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body)) (fields[name] ??= []).push(value);
  return fields;
}

/** The status page's no-JavaScript form (`email`, `components`…, `locale`) as the JSON body. */
function subscribeBodyOfForm(fields: FormFields): unknown {
  const locale = fields.locale?.[0];
  return {
    kind: 'email',
    address: fields.email?.[0] ?? '',
    ...(fields.components?.length ? { componentIds: fields.components } : {}),
    ...(locale ? { locale } : {}),
  };
}

/** The form's names for the fields an error names. */
function formField(field: string): string {
  const name = field.replace(/^body\./, '');
  if (name.startsWith('address')) return 'email';
  return name.replace(/^componentIds/, 'components');
}

function acceptLocale(header: string | undefined): StatusLocale | undefined {
  if (header === undefined) return undefined;
  if (/^\s*zh\b/i.test(header)) return 'zh-CN';
  if (/^\s*en\b/i.test(header)) return 'en';
  return undefined;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return (
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // The token is in the URL: it must not leak to other sites through Referer.
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .send(html)
  );
}

/** Errors on pages people see (the form, the links) are pages too; programs get the usual JSON. */
function publicError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const form = isForm(request);
  if (!form && !(request.routeOptions.url ?? '').includes('/subscriptions/')) return handleError(err, request, reply);
  const field = (name: string) => ({ field: form ? formField(name) : name });
  if (isFenghuoError(err)) {
    const first = err.details?.[0];
    const problem = first ? field(first.field) : err.code === 'not_found' ? ({ link: true } as const) : null;
    void sendHtml(reply, statusFor(err.code), subscriptionErrorPage(err.message, problem));
  } else if (err.validation?.[0]) {
    const name = fieldOf(err.validationContext ?? 'body', err.validation[0]);
    void sendHtml(reply, 400, subscriptionErrorPage(`${name}: ${err.validation[0].message ?? 'is invalid'}`, field(name)));
  } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void sendHtml(reply, 413, subscriptionErrorPage('the form is too large', null));
  } else {
    handleError(err, request, reply);
  }
}

const pagePath = (slug: string) => `/status/${encodeURIComponent(slug)}`;
const linkPath = (slug: string, kind: 'confirm' | 'unsubscribe', token: string) =>
  `${pagePath(slug)}/subscriptions/${kind}?token=${encodeURIComponent(token)}`;

function publicRoutes(app: App, deps: RouteDeps['deps']): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // The status page's form and RFC 8058 one-click posts (`List-Unsubscribe=One-Click`) are urlencoded.
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
      done(null, parseForm(body as string)),
    );
    scope.setErrorHandler(publicError);
    const config = { access: 'public' as const };
    const tags = ['status subscriptions'];

    scope.post('/status/:slug/subscribe', {
      config,
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Subscribe an e-mail address (double opt-in); the same answer whatever the address',
        description: `JSON, or the status page's form (${FORM}: email, components…, locale). Webhooks are added by an administrator.`,
        params: SlugParam,
        body: SubscribeBody,
        response: { 202: Accepted },
      },
      preValidation: async (request) => {
        if (isForm(request)) request.body = subscribeBodyOfForm(request.body as unknown as FormFields) as typeof request.body;
      },
      handler: async (request, reply) => {
        const locale = request.body.locale ?? acceptLocale(request.headers['accept-language']);
        const { page, locale: chosen } = await subscribe(deps, request.params.slug, { ...request.body, locale });
        if (isForm(request)) return sendHtml(reply, 202, checkInboxPage(chosen, page.name, pagePath(page.slug)));
        return reply.status(202).send(ACCEPTED);
      },
    });

    const link = { config, schema: { hide: true, params: SlugParam, querystring: LinkQuery } };
    scope.get('/status/:slug/subscriptions/confirm', {
      ...link,
      handler: async (request, reply) => {
        const { slug } = request.params;
        const view = await readConfirmLink(deps, slug, request.query.token);
        const html = view.confirmed
          ? linkDonePage(view.locale, SUBSCRIBER_TEXT[view.locale].confirmPage.already, view.page.name, pagePath(slug))
          : linkActionPage(view.locale, 'confirm', view.page.name, linkPath(slug, 'confirm', request.query.token));
        return sendHtml(reply, 200, html);
      },
    });
    scope.post('/status/:slug/subscriptions/confirm', {
      ...link,
      handler: async (request, reply) => {
        const { slug } = request.params;
        const done = await confirmSubscription(deps, slug, request.query.token, String(request.id));
        const text = SUBSCRIBER_TEXT[done.locale].confirmPage;
        return sendHtml(
          reply,
          200,
          linkDonePage(done.locale, done.alreadyConfirmed ? text.already : text.done, done.page.name, pagePath(slug)),
        );
      },
    });
    scope.get('/status/:slug/subscriptions/unsubscribe', {
      ...link,
      handler: async (request, reply) => {
        const { slug } = request.params;
        const view = await readUnsubscribeLink(deps, slug, request.query.token);
        return sendHtml(
          reply,
          200,
          linkActionPage(view.locale, 'unsubscribe', view.page.name, linkPath(slug, 'unsubscribe', request.query.token)),
        );
      },
    });
    scope.post('/status/:slug/subscriptions/unsubscribe', {
      ...link,
      handler: async (request, reply) => {
        const { slug } = request.params;
        const done = await unsubscribe(deps, slug, request.query.token, String(request.id));
        return sendHtml(
          reply,
          200,
          linkDonePage(done.locale, SUBSCRIBER_TEXT[done.locale].unsubscribePage.done, done.page.name, pagePath(slug)),
        );
      },
    });
  });
}

// ---- administrators: webhook subscribers, and every subscriber listed masked or removed --------

function adminRoutes(app: App, deps: RouteDeps['deps']): void {
  const tags = ['status subscriptions'];
  app.post('/api/v1/status-pages/:id/subscribers', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Add a webhook subscriber (confirmed at once); its secret is shown only in this answer',
      params: PageParam,
      body: WebhookSubscriberBody,
      response: { 201: CreatedSubscriberSchema },
    },
    handler: async (request, reply) => {
      const created = await addWebhookSubscriber(contextOf(deps, request), request.params.id, request.body);
      return reply.status(201).send({ ...subscriberJson(created), url: created.url, secret: created.secret });
    },
  });
  app.get('/api/v1/status-pages/:id/subscribers', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Subscribers of a page, addresses masked',
      params: PageParam,
      querystring: Type.Object(ListQuery, strict),
      response: { 200: listOf(SubscriberSchema) },
    },
    handler: async (request) => {
      const { cursor, limit = 50 } = request.query;
      const page = await listPageSubscribers(contextOf(deps, request), request.params.id, { after: cursorAfterId(cursor), limit });
      const last = page.items.at(-1);
      return { items: page.items.map(subscriberJson), nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null };
    },
  });
  app.delete('/api/v1/status-pages/:id/subscribers/:subscriberId', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove a subscriber and what is still queued for it', params: SubscriberParams },
    handler: async (request, reply) => {
      await removeSubscriber(contextOf(deps, request), request.params.id, request.params.subscriberId);
      return reply.status(204).send();
    },
  });
}

/**
 * Status-page subscriptions. Public (no session, no cookie): sign-up by e-mail with double
 * opt-in, and the confirm and unsubscribe links, whose token is the credential (GET shows a
 * button, POST acts; RFC 8058 one-click is the POST). Admin: webhook subscribers.
 */
export function statusSubscriptionRoutes(app: App, { deps }: RouteDeps): void {
  publicRoutes(app, deps);
  adminRoutes(app, deps);
}
