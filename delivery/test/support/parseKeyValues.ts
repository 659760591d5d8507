import { DockerfileSyntaxError } from './DockerfileSyntaxError';

/**
 * parseKeyValues reads the arguments of ENV, LABEL or ARG as name → value pairs: `A=1 B="two words"`, the legacy
 * `ENV A one value` form, and ARG's bare `NAME` (no default, so its value is undefined). Quotes are removed and
 * backslash escapes inside double quotes are honoured; `${VAR}` references are kept as written.
 */
export function parseKeyValues(args: string, keyword = 'ENV'): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  // `ENV NAME value with spaces`: the first word has no `=`, and the whole rest is the value.
  const legacy = /^(\S+)\s+(.*)$/s.exec(args.trim());
  if (keyword === 'ENV' && legacy && !legacy[1]!.includes('=')) {
    out.set(legacy[1]!, legacy[2]!.trim());
    return out;
  }
  let rest = args.trim();
  while (rest !== '') {
    const key = /^("[^"]*"|[^\s=]+)/.exec(rest);
    if (!key) throw new DockerfileSyntaxError(`cannot read a name in: ${rest}`);
    const name = unquote(key[1]!);
    rest = rest.slice(key[0].length);
    if (!rest.startsWith('=')) {
      if (keyword !== 'ARG') throw new DockerfileSyntaxError(`${keyword} ${name} has no value`);
      out.set(name, undefined);
      rest = rest.trimStart();
      continue;
    }
    rest = rest.slice(1);
    const value = /^("(?:\\.|[^"\\])*"|'[^']*'|\S*)/.exec(rest)!;
    out.set(name, unquote(value[1]!));
    rest = rest.slice(value[0].length).trimStart();
  }
  return out;
}

function unquote(token: string): string {
  if (token.startsWith('"') && token.endsWith('"') && token.length >= 2)
    return token.slice(1, -1).replace(/\\(.)/g, '$1');
  if (token.startsWith("'") && token.endsWith("'") && token.length >= 2) return token.slice(1, -1);
  return token;
}
