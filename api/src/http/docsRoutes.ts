import express from 'express';
import type { Router } from 'express';
import { dirname } from 'node:path';

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sightline API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-initializer.js"></script>
</body>
</html>
`;

const INITIALIZER_JS = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
};
`;

/** docsRoutes serves the OpenAPI document at /openapi.json and a Swagger UI for it at /docs. */
export function docsRoutes(document: object): Router {
  const router = express.Router();
  const body = JSON.stringify(document);
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(body);
  });
  router.get(['/docs', '/docs/', '/docs/index.html'], (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  // Ours replaces the package's initializer, which points at the petstore demo.
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER_JS);
  });
  router.use(
    '/docs',
    express.static(dirname(require.resolve('swagger-ui-dist/package.json')), { index: false, maxAge: '1h' }),
  );
  return router;
}
