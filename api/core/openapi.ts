import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { registry } from './routes.js';

let document: ReturnType<OpenApiGeneratorV3['generateDocument']> | undefined;

/** Built from the routes' own zod schemas (see `route()`), once, on first request. */
export function openApiDocument() {
  document ??= new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Réemploi API',
      version: '0.1.0',
      description:
        "Traçabilité des ordinateurs réformés du Département du Nord, du dépôt informatique au domicile des habitants. Listes au format react-admin simple REST (sort, range, filter, en-tête Content-Range). Erreurs : {error: {code, message, details}}.",
    },
    servers: [{ url: '/' }],
  });
  return document;
}
