import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** DeadLetter is one record a backend refused for good, with the backend's reason. */
export interface DeadLetter {
  exporter: string;
  reason: string;
  record: unknown;
}

/** DeadLetterSink keeps records that can never be delivered, so an operator can inspect and replay them. */
export interface DeadLetterSink {
  write(letters: readonly DeadLetter[]): Promise<void>;
}

/** FileDeadLetterSink appends dead letters as NDJSON to `<dir>/<exporter>.ndjson`. */
export class FileDeadLetterSink implements DeadLetterSink {
  constructor(private readonly dir: string) {}

  async write(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    const byExporter = new Map<string, string[]>();
    for (const l of letters) {
      const lines = byExporter.get(l.exporter) ?? [];
      lines.push(JSON.stringify({ at: new Date().toISOString(), ...l }));
      byExporter.set(l.exporter, lines);
    }
    for (const [exporter, lines] of byExporter)
      await appendFile(path.join(this.dir, `${exporter}.ndjson`), `${lines.join('\n')}\n`);
  }
}
