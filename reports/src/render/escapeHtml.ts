const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * escapeHtml makes any text safe in HTML text and in quoted attributes. Tenant names, incident titles and
 * maintenance comments are user-controlled, so every string from the report data passes through here.
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
