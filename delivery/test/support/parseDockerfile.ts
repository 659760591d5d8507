import { DockerfileSyntaxError } from './DockerfileSyntaxError';

/** DockerInstruction is one instruction of a Dockerfile, after line continuations are joined. */
export interface DockerInstruction {
  /** keyword is the instruction in upper case: FROM, RUN, COPY, HEALTHCHECK… */
  keyword: string;
  /** flags are the leading `--name=value` options (`--name` alone gives `''`), e.g. COPY's `from` or `chown`. */
  flags: Record<string, string>;
  /** args is the rest of the instruction after its flags, with continuations joined by a space. */
  args: string;
  /** execForm is the argument list when args is a JSON array of strings (the exec form), else undefined. */
  execForm: string[] | undefined;
  /** line is the 1-based line the instruction starts on. */
  line: number;
}

/** DockerStage is one build stage: a FROM and the instructions up to the next FROM. */
export interface DockerStage {
  /** index counts stages from 0, as `COPY --from=<index>` would. */
  index: number;
  /** name is the stage's `AS` name, if it has one (lower-cased, as BuildKit compares them). */
  name: string | undefined;
  /** image is what the stage starts from: an image reference or an earlier stage's name. */
  image: string;
  /** platform is FROM's `--platform` flag, if given. */
  platform: string | undefined;
  /** instructions are the stage's instructions after its FROM. */
  instructions: DockerInstruction[];
}

/** Dockerfile is a parsed Dockerfile. */
export interface Dockerfile {
  /** directives are the parser directives at the top (`# syntax=…`, `# escape=…`), keys lower-cased. */
  directives: Record<string, string>;
  /** globalArgs are the ARG instructions before the first FROM. */
  globalArgs: DockerInstruction[];
  stages: DockerStage[];
}

const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/**
 * parseDockerfile reads a Dockerfile the way BuildKit's front end does, for the parts these tests need: parser
 * directives, comments, line continuations, flags, exec-form arguments and stages. Heredocs are refused with a
 * DockerfileSyntaxError rather than misread.
 */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const directives: Record<string, string> = {};
  let i = 0;
  // Parser directives are only directives while nothing else (not even a blank line) has come before them.
  for (; i < lines.length; i += 1) {
    const m = /^#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m || m[1]!.toLowerCase() in directives) break;
    directives[m[1]!.toLowerCase()] = m[2]!;
  }
  const escape = directives.escape ?? '\\';

  const instructions: DockerInstruction[] = [];
  while (i < lines.length) {
    const startLine = i + 1;
    let raw = lines[i]!;
    i += 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    // A line ending in the escape character continues; comment and blank lines inside a continuation are dropped.
    while (raw.trimEnd().endsWith(escape)) {
      raw = raw.trimEnd().slice(0, -escape.length);
      while (i < lines.length && (lines[i]!.trimStart().startsWith('#') || lines[i]!.trim() === '')) i += 1;
      if (i >= lines.length) break;
      raw += ` ${lines[i]!.trim()}`;
      i += 1;
    }
    instructions.push(parseInstruction(raw.trim(), startLine));
  }

  const globalArgs: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      stages.push(parseFrom(ins, stages.length));
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG')
        throw new DockerfileSyntaxError(`line ${ins.line}: ${ins.keyword} before the first FROM`);
      globalArgs.push(ins);
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  if (stages.length === 0) throw new DockerfileSyntaxError('no FROM instruction');
  return { directives, globalArgs, stages };
}

function parseInstruction(text: string, line: number): DockerInstruction {
  const m = /^(\S+)\s*(.*)$/s.exec(text)!;
  const keyword = m[1]!.toUpperCase();
  let rest = m[2]!;
  if (/<<-?["']?[A-Za-z_]/.test(rest) && (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD'))
    throw new DockerfileSyntaxError(`line ${line}: heredocs are not supported by this parser`);
  const flags: Record<string, string> = {};
  if (FLAGGED.has(keyword)) {
    for (;;) {
      const f = /^--([A-Za-z][\w-]*)(?:=(\S*))?\s*/.exec(rest);
      if (!f) break;
      flags[f[1]!] = f[2] ?? '';
      rest = rest.slice(f[0].length);
    }
  }
  return { keyword, flags, args: rest, execForm: parseExecForm(rest), line };
}

function parseExecForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function parseFrom(ins: DockerInstruction, index: number): DockerStage {
  const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
  if (!m) throw new DockerfileSyntaxError(`line ${ins.line}: FROM needs an image and an optional AS name`);
  return {
    index,
    image: m[1]!,
    name: m[2]?.toLowerCase(),
    platform: ins.flags.platform,
    instructions: [],
  };
}
