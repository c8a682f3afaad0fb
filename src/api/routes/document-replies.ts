import type { FastifyReply } from 'fastify';
import type { ExportDocument } from '../../learn/document.js';
import { PRINT_CSP, renderHtml } from '../../learn/render-html.js';
import { renderMarkdown } from '../../learn/render-markdown.js';

/**
 * Sends an exported document. Markdown downloads as a file; HTML is a page to read and print,
 * under a CSP that allows its inline style and nothing else, never cached (it holds internal facts).
 */
export function sendDocument(reply: FastifyReply, format: 'md' | 'html', doc: ExportDocument, name: string): FastifyReply {
  void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  if (format === 'md') {
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.${doc.lang}.md"`)
      .send(renderMarkdown(doc));
  }
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PRINT_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .send(renderHtml(doc));
}

/** The OpenAPI answer of an export route. */
export const documentResponse = (mime: string, description: string) => ({
  200: { content: { [mime]: { schema: { type: 'string', description } } } },
});
