import { existsSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Token } from 'marked';
import type { LinkContext } from './LinkContext';
import { loadMarked } from './loadMarked';
import { relativeHref } from './relativeHref';

const IMAGE = /\.(png|jpe?g|gif|svg|webp)$/i;

/**
 * rewriteLinks points the links and images of Markdown written in `source` at their place in the site, for a
 * page written to `output`; a link to a missing file goes to `context.problems`, naming the file and the link.
 */
export function rewriteLinks(tokens: Token[], source: string, output: string, context: LinkContext): void {
  // The callback is synchronous; walkTokens' array of results holds no promise to wait for.
  void loadMarked().walkTokens(tokens, (token) => {
    if (token.type === 'link' || token.type === 'image') {
      token.href = rewrite(token.href, token.type === 'image', source, output, context);
    }
  });
}

function rewrite(
  href: string,
  isImage: boolean,
  source: string,
  output: string,
  context: LinkContext,
): string {
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) return href;
  const hash = href.indexOf('#');
  const fragment = hash >= 0 ? href.slice(hash + 1) : '';
  const pathPart = (hash >= 0 ? href.slice(0, hash) : href).replace(/\?.*$/, '');
  const broken = (why: string) => {
    context.problems.push(`${source}: broken link "${href}" (${why})`);
    return href;
  };

  if (pathPart === '') {
    context.anchorChecks.push({ from: source, href, page: output, pageSource: source, fragment });
    return href;
  }
  let path: string;
  try {
    path = decodeURI(pathPart);
  } catch {
    return broken('not a valid URI');
  }
  const target = path.startsWith('/')
    ? posix.normalize(path.slice(1))
    : posix.normalize(posix.join(posix.dirname(source), path));
  if (target === '..' || target.startsWith('../')) return broken('points outside the repository');
  const file = target.replace(/\/$/, '');
  const onDisk = join(context.repoRoot, ...file.split('/'));
  if (!existsSync(onDisk)) return broken(`${file} does not exist`);

  const pageSource = statSync(onDisk).isDirectory() ? `${file}/README.md` : file;
  const page = context.pages.get(pageSource);
  if (page) {
    if (fragment !== '') {
      context.anchorChecks.push({ from: source, href, page: page.output, pageSource, fragment });
    }
    return relativeHref(output, page.output) + (fragment === '' ? '' : `#${fragment}`);
  }
  if (isImage && IMAGE.test(file)) {
    const sitePath = `files/${file}`;
    context.assets.set(file, sitePath);
    return relativeHref(output, sitePath);
  }
  const suffix = fragment === '' ? '' : `#${fragment}`;
  if (context.sourceUrl !== undefined) return `${context.sourceUrl.replace(/\/?$/, '/')}${file}${suffix}`;
  const fromDir = join(context.outDir, ...posix.dirname(output).split('/'));
  return relative(fromDir, onDisk).split(sep).join('/') + suffix;
}
