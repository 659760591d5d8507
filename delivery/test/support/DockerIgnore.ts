interface Rule {
  pattern: string;
  regex: RegExp;
  negate: boolean;
}

/**
 * DockerIgnore answers whether a path of the build context is left out by a .dockerignore, with Docker's rules:
 * patterns are relative to the context root, `*` and `?` stay within one path segment, `**` spans any number of
 * segments, a pattern that matches a directory leaves out everything below it, `!` re-includes, and the last
 * matching line wins.
 */
export class DockerIgnore {
  private constructor(private readonly rules: Rule[]) {}

  /** fromText reads the lines of a .dockerignore file (comments and blank lines are skipped). */
  static fromText(text: string): DockerIgnore {
    const rules: Rule[] = [];
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      const pattern = clean(negate ? line.slice(1).trim() : line);
      if (pattern === '') continue;
      rules.push({ pattern, regex: toRegex(pattern), negate });
    }
    return new DockerIgnore(rules);
  }

  /** patterns lists the patterns in file order, negated ones with their leading `!`. */
  get patterns(): string[] {
    return this.rules.map((r) => (r.negate ? `!${r.pattern}` : r.pattern));
  }

  /** ignores is true when the context path (forward slashes, relative to the root) stays out of the context. */
  ignores(path: string): boolean {
    const target = clean(path);
    const ancestry = target.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of this.rules) {
      if (ancestry.some((p) => rule.regex.test(p))) ignored = !rule.negate;
    }
    return ignored;
  }
}

/** clean normalises a path the way Go's filepath.Clean does for these purposes, without a leading slash. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function toRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      i += 1;
      if (pattern[i + 1] === '/') {
        i += 1;
        out += '(?:.*/)?';
      } else {
        out += '.*';
      }
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
      } else {
        out += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      i += 1;
      out += escapeChar(pattern[i]!);
    } else {
      out += escapeChar(c);
    }
  }
  return new RegExp(`^${out}$`);
}

function escapeChar(c: string): string {
  return /[.+^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
