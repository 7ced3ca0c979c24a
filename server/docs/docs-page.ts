import { html } from 'hono/html';
import type { openApiDocument } from './openapi';

export type Doc = ReturnType<typeof openApiDocument> & {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
};
interface Operation {
  summary: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

function who(security: Operation['security']): string {
  if (!security || security.length === 0) return 'public';
  return security.map((s) => Object.keys(s)[0] ?? 'public').join(' or ');
}

/** `/docs`: a readable reference rendered from the OpenAPI document (Node, or at build time). */
export async function docsPage(document: Doc): Promise<string> {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return String(
    await html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${document.info.title}</title>
            <style>
              body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
              section { border-top: 1px solid #ccc; padding-block: 1rem; }
              code, pre { font-family: ui-monospace, monospace; }
              pre { background: #f4f4f4; padding: 0.75rem; white-space: pre-wrap; overflow-y: auto; max-height: 24rem; }
              :focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; box-shadow: 0 0 0 2px #ffb612; }
              .method { font-weight: 700; text-transform: uppercase; }
              table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
            </style>
          </head>
          <body>
            <main>
              <h1>${document.info.title}</h1>
              <p>${document.info.description}</p>
              <p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
              ${operations.map(
                ({ path, method, op }) => html`<section>
                  <h2><span class="method">${method}</span> <code>${path}</code></h2>
                  <p>${op.summary}. Who: ${who(op.security)}.</p>
                  ${
                    op.parameters.length > 0
                      ? html`<table>
                        <caption>Parameters</caption>
                        <tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th></tr>
                        ${op.parameters.map(
                          (p) =>
                            html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td></tr>`,
                        )}
                      </table>`
                      : ''
                  }
                  ${
                    op.requestBody
                      ? // A long schema scrolls in its own box, which the keyboard can reach and a
                        // screen reader names; its lines wrap rather than widen the page.
                        html`<h3>Request body</h3><pre tabindex="0" role="region" aria-label="Request body of ${method.toUpperCase()} ${path}">${JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 2)}</pre>`
                      : ''
                  }
                  <h3>Responses</h3>
                  <ul>
                    ${Object.entries(op.responses).map(([status, r]) => html`<li><strong>${status}</strong> ${r.description}</li>`)}
                  </ul>
                </section>`,
              )}
            </main>
          </body>
        </html>`,
  );
}
