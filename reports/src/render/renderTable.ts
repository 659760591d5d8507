/** TableColumn is one column's heading; numeric columns align right with tabular figures. */
export interface TableColumn {
  heading: string;
  numeric?: boolean;
}

/**
 * renderTable lays out rows of cells that are already escaped HTML. Rows never split across pages, and the
 * heading repeats on each page when a long table has to break.
 */
export function renderTable(columns: TableColumn[], rows: string[][], className = ''): string {
  const cls = (col: TableColumn | undefined) => (col?.numeric ? ' class="num"' : '');
  const head = columns.map((col) => `<th scope="col"${cls(col)}>${col.heading}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(columns[i])}>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
