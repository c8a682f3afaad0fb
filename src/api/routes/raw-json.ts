import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for signature checks. */
    rawBody?: Buffer;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** JSON body parser that keeps the raw bytes and refuses bytes that are not UTF-8. */
export function rawJsonParser(request: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void): void {
  request.rawBody = body;
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    done(Object.assign(new Error('body is not valid UTF-8'), { statusCode: 400 }));
    return;
  }
  if (text.trim() === '') {
    done(Object.assign(new Error('body is empty'), { statusCode: 400 }));
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch (err) {
    done(Object.assign(new Error(`body is not valid JSON: ${(err as Error).message}`), { statusCode: 400 }));
  }
}
