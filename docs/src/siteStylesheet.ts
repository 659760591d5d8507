/** SITE_STYLESHEET is the whole stylesheet of the docs site: readable text, a sticky sidebar, wide tables. */
export const SITE_STYLESHEET = `:root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6475; --bg: #ffffff; --side: #f4f6f9;
  --line: #d9dee7; --link: #0b5cad; --code: #f0f2f5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #a3acbd; --bg: #14171d; --side: #1b1f27;
  --line: #2e3440; --link: #7cb7ff; --code: #222733; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 2; }
.layout { display: flex; min-height: 100vh; }
.sidebar { width: 18rem; flex: none; background: var(--side); border-right: 1px solid var(--line); padding: 1rem 1.25rem;
  position: sticky; top: 0; height: 100vh; overflow-y: auto; font-size: 0.9rem; }
.sidebar .brand { display: block; font-weight: 700; font-size: 1.1rem; text-decoration: none; color: var(--fg); margin-bottom: 0.5rem; }
.sidebar h2 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 1.25rem 0 0.35rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li { margin: 0.15rem 0; }
.sidebar a { text-decoration: none; }
.sidebar a[aria-current="page"] { font-weight: 700; color: var(--fg); }
main { flex: 1; min-width: 0; padding: 1.5rem 2.5rem 3rem; }
article { max-width: 62rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; margin-top: 2rem; }
code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code); padding: 0.85rem 1rem; overflow-x: auto; border-radius: 6px; }
pre code { background: none; padding: 0; }
pre.mermaid { background: none; text-align: center; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--side); }
blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--line); color: var(--muted); }
.method { display: inline-block; min-width: 4.2em; text-align: center; font: 700 0.78rem/1.6 ui-monospace, monospace;
  border-radius: 4px; padding: 0 0.4em; color: #fff; background: #5b6475; }
.method-get { background: #1f7a4d; } .method-post { background: #0b5cad; } .method-put { background: #9a6700; }
.method-patch { background: #8250df; } .method-delete { background: #b42318; }
.operation { border-top: 1px solid var(--line); padding-top: 0.5rem; margin-top: 1.5rem; }
.operation h4 { margin: 1rem 0 0.4rem; }
.responses dt { margin-top: 0.5rem; }
.responses dd { margin-left: 1.5rem; }
.responses dd p { margin: 0.2rem 0; }
.lead { font-size: 1.05rem; color: var(--muted); }
@media (max-width: 800px) { .layout { display: block; } .sidebar { position: static; width: auto; height: auto; }
  main { padding: 1rem; } }
`;
