import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registry } from './routes.js';

let document: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

/** Built from the routes' own zod schemas (see `route()`), once, on first request. */
export function openApiDocument() {
  document ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Réemploi API',
      version: '0.1.0',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      description:
        "Traçabilité des ordinateurs réformés du Département du Nord, du dépôt informatique au domicile des habitants. Listes au format react-admin simple REST (sort, range, filter, en-tête Content-Range). Erreurs : {error: {code, message, details}}.",
    },
    servers: [{ url: '/' }],
  });
  return document;
}
