import { escapeHtml } from './escapeHtml';
import { reportStyles } from './reportStyles';

/**
 * renderHtmlDocument wraps a report body in a complete, self-contained HTML5 document. Its Content Security
 * Policy forbids scripts and every fetch, so a report cannot call out even if user data slipped through.
 */
export function renderHtmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${reportStyles}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
