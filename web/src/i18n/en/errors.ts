import type { Messages } from '../messages';

export const errors: Messages['errors'] = {
  title: 'Something went wrong',
  network: 'Cannot reach the Fenghuo server. Check the network and try again.',
  unauthenticated: 'Your session has ended. Please sign in again.',
  forbidden: 'Your role does not allow this.',
  notFound: 'This does not exist (any more).',
  conflict: 'This clashes with the current state (someone may have just changed it). Reload and try again.',
  invalidTransition: 'The incident’s status does not allow this now.',
  invalid: 'Something in the form is not right; see the marked fields.',
  reasonRequired: 'Lowering the level needs a reason.',
  tooLarge: 'That is too large to send.',
  unsupported: 'The server does not accept this kind of request.',
  rateLimited: 'Too many attempts. Please wait a while and try again.',
  server: 'The server had an internal error. If you ask an administrator for help, give them the request id.',
  unavailable: 'The server cannot take the request right now. Try again shortly.',
  unparsable: 'The server’s answer could not be read.',
  unknown: (status) => `The request failed (HTTP ${status}).`,
  requestId: (id) => `Request id: ${id}`,
  serverSaid: 'Server details',
  crashTitle: 'The page ran into an unexpected error',
  crashBody: 'This is a bug in the console, not something you did. Reloading usually helps.',
};
