/**
 * reportStyles is the inline stylesheet of every report: readable on screen, and on A4 paper where tables
 * and charts are never split and the first page carries the summary and the objectives.
 */
export const reportStyles = `
@page { size: A4; margin: 12mm 12mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #1a202c; font: 10pt/1.45 "Liberation Sans", Arial, "DejaVu Sans", sans-serif; }
main { max-width: 186mm; margin: 0 auto; padding: 10mm 0; }
h1, h2 { break-after: avoid; page-break-after: avoid; }
h1.summary { font-size: 21pt; line-height: 1.2; margin: 2pt 0 8pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5px solid #cbd5e0; }
p { margin: 4pt 0; }
.kicker { text-transform: uppercase; letter-spacing: 0.04em; font-size: 8.5pt; color: #4a5568; margin: 0; }
.muted { color: #4a5568; font-size: 8.5pt; }
.lead { font-size: 10.5pt; }
.week { font-size: 11pt; }
.dst-note { border-left: 4px solid #d69e2e; background: #fffaf0; padding: 4pt 8pt; }
.status { display: inline-block; padding: 2pt 9pt 2pt 7pt; border-radius: 10pt; border: 1.5px solid; font-weight: bold; white-space: nowrap; }
.status .dot { display: inline-block; width: 8pt; height: 8pt; border-radius: 50%; margin-right: 5pt; background: currentColor; vertical-align: -0.5pt; }
.status-green { color: #22543d; background: #e6f4ea; border-color: #2f855a; }
.status-amber { color: #744210; background: #fefcbf; border-color: #d69e2e; }
.status-red { color: #742a2a; background: #fed7d7; border-color: #c53030; }
.status-unknown { color: #2d3748; background: #edf2f7; border-color: #718096; }
.figures { display: flex; gap: 8pt; margin: 10pt 0 0; }
.figures div { flex: 1; border: 1px solid #e2e8f0; border-radius: 4pt; padding: 4pt 8pt; }
.figures dt { font-size: 8pt; color: #4a5568; text-transform: uppercase; letter-spacing: 0.04em; }
.figures dd { margin: 0; font-size: 12pt; font-weight: bold; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 4pt 0 6pt; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 3pt 5pt; border-bottom: 1px solid #e2e8f0; }
th { background: #f7fafc; font-weight: bold; border-bottom: 1.5px solid #a0aec0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { white-space: normal; }
table.objectives td:first-child { width: 34%; }
table.executive { table-layout: fixed; font-size: 8.5pt; }
table.executive th { font-size: 8pt; }
table.executive .status { padding: 1pt 6pt 1pt 5pt; }
th.group { text-align: center; border-bottom: 1px solid #cbd5e0; }
table.compact td, table.compact th { padding: 1.5pt 5pt; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; }
.result { font-weight: bold; white-space: nowrap; }
.result.met, .better { color: #22543d; }
.result.missed, .over, .worse { color: #9b2c2c; }
.result.none { color: #4a5568; font-weight: normal; }
figure { margin: 4pt 0; break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; width: 100%; height: auto; }
section.keep { break-inside: avoid; page-break-inside: avoid; }
.new-page { break-before: page; page-break-before: always; }
.change-up, .change-down, .change-new { white-space: nowrap; }
footer { margin-top: 14pt; padding-top: 4pt; border-top: 1px solid #e2e8f0; color: #4a5568; font-size: 8.5pt; }
footer a { color: #2b6cb0; }
@media print { main { padding: 0; max-width: none; } }
`;
