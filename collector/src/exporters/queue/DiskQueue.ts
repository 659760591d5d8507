import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 20;
const SEGMENT_FILE = /^seg-(\d{12})\.q$/;

/** SignalCounts says how many records of each signal a queued frame holds, for the drop metrics. */
export interface SignalCounts {
  spans: number;
  logs: number;
  metrics: number;
}

/** QueuedFrame is one entry of the queue: where it lies on disk and what it holds. */
export interface QueuedFrame {
  readonly seq: number;
  readonly segment: number;
  readonly offset: number;
  readonly length: number;
  readonly counts: SignalCounts;
}

/** DropReason says why the queue threw records away. */
export type DropReason = 'queue_full' | 'corrupt';

/** DiskQueueOptions bounds a DiskQueue. */
export interface DiskQueueOptions {
  maxBytes: number;
  segmentBytes: number;
  /** onDrop is told about every record the queue throws away. */
  onDrop: (counts: SignalCounts, reason: DropReason) => void;
}

interface Segment {
  id: number;
  bytes: number;
  frames: number;
  acked: number;
}

interface PendingAppend {
  payload: Buffer;
  counts: SignalCounts;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * DiskQueue is a FIFO of byte frames in fsync'd segment files. An append resolves only once its frame is on disk;
 * acknowledged frames are recorded beside each segment, and a reopened queue replays whatever was not acknowledged.
 * The total size is bounded: the oldest segment is dropped (and counted) to make room.
 */
export class DiskQueue {
  private frames: QueuedFrame[] = [];
  private head = 0;
  private readonly segments = new Map<number, Segment>();
  private active: { segment: Segment; file: FileHandle } | null = null;
  private nextSeq = 0;
  private nextSegmentId = 1;
  private totalBytes = 0;
  private pending: PendingAppend[] = [];
  private writing: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly options: DiskQueueOptions,
  ) {}

  /** open creates the folder if needed and loads every unacknowledged frame left by an earlier run. */
  static async open(dir: string, options: DiskQueueOptions): Promise<DiskQueue> {
    await mkdir(dir, { recursive: true });
    const queue = new DiskQueue(dir, options);
    await queue.recover();
    return queue;
  }

  /** depth is the number of queued records (all signals). */
  get depth(): number {
    let n = 0;
    for (let i = this.head; i < this.frames.length; i++) n += total(this.frames[i]!.counts);
    return n;
  }

  /** bytes is the size of the segment files on disk. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** append writes one frame and resolves once it is fsync'd; concurrent appends share one fsync. */
  append(payload: Buffer, counts: SignalCounts): Promise<void> {
    if (this.closed) return Promise.reject(new QueueClosedError('queue is closed'));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ payload, counts, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing !== null || this.pending.length === 0) return;
    // Appends that arrive while the writer winds down must start the next writer, or they would wait forever.
    this.writing = this.writePending().finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  /** peek returns frames from the head, up to maxRecords records (always at least one frame when any is queued). */
  peek(maxRecords: number): QueuedFrame[] {
    const out: QueuedFrame[] = [];
    let records = 0;
    for (let i = this.head; i < this.frames.length; i++) {
      const f = this.frames[i]!;
      if (out.length > 0 && records + total(f.counts) > maxRecords) break;
      out.push(f);
      records += total(f.counts);
    }
    return out;
  }

  /** read loads a frame's payload, or null when the frame was dropped or its bytes are damaged. */
  async read(frame: QueuedFrame): Promise<Buffer | null> {
    if (!this.segments.has(frame.segment)) return null;
    let file: FileHandle;
    try {
      file = await open(this.segmentPath(frame.segment), 'r');
    } catch {
      return null;
    }
    try {
      const buf = Buffer.alloc(frame.length);
      const { bytesRead } = await file.read(buf, 0, frame.length, frame.offset);
      return bytesRead === frame.length ? (parseFrame(buf)?.payload ?? null) : null;
    } finally {
      await file.close();
    }
  }

  /** ack removes delivered frames from the head and deletes segments that are fully delivered. */
  async ack(frames: readonly QueuedFrame[]): Promise<void> {
    const done = new Set(frames.map((f) => f.seq));
    const touched = new Set<number>();
    while (this.head < this.frames.length && done.has(this.frames[this.head]!.seq)) {
      const f = this.frames[this.head++]!;
      const seg = this.segments.get(f.segment);
      if (seg) {
        seg.acked++;
        touched.add(seg.id);
      }
    }
    this.compact();
    for (const id of touched) {
      const seg = this.segments.get(id);
      if (!seg) continue;
      if (seg.acked >= seg.frames && this.active?.segment.id !== id) await this.removeSegment(seg);
      else await writeFile(this.ackPath(id), String(seg.acked));
    }
  }

  /** waitForData resolves when a frame is queued (at once if one is) or the queue closes. */
  waitForData(): Promise<void> {
    if (this.head < this.frames.length || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** close finishes pending appends and releases the active segment; queued frames stay on disk. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w();
    await this.writing;
    if (this.active) {
      await this.active.file.close();
      this.active = null;
    }
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        for (const p of batch) await this.writeFrame(p.payload, p.counts);
        if (this.active) await this.active.file.datasync();
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private async writeFrame(payload: Buffer, counts: SignalCounts): Promise<void> {
    const frame = encodeFrame(payload, counts);
    if (frame.length > this.options.maxBytes) {
      this.options.onDrop(counts, 'queue_full');
      return;
    }
    while (this.totalBytes + frame.length > this.options.maxBytes && this.segments.size > 0) {
      const oldest = Math.min(...this.segments.keys());
      if (this.active?.segment.id === oldest) await this.roll();
      await this.dropSegment(this.segments.get(oldest)!);
    }
    if (!this.active || this.active.segment.bytes >= this.options.segmentBytes) await this.roll();
    const active = this.active!;
    const offset = active.segment.bytes;
    await active.file.write(frame, 0, frame.length, offset);
    active.segment.bytes += frame.length;
    active.segment.frames++;
    this.totalBytes += frame.length;
    this.frames.push({
      seq: this.nextSeq++,
      segment: active.segment.id,
      offset,
      length: frame.length,
      counts,
    });
  }

  private async roll(): Promise<void> {
    if (this.active) {
      await this.active.file.datasync();
      await this.active.file.close();
      const seg = this.active.segment;
      this.active = null;
      if (seg.acked >= seg.frames) await this.removeSegment(seg);
    }
    const id = this.nextSegmentId++;
    const segment: Segment = { id, bytes: 0, frames: 0, acked: 0 };
    const file = await open(this.segmentPath(id), 'w');
    // The folder entry of a new segment must be durable too, or a crash could lose the whole file.
    await syncDir(this.dir);
    this.segments.set(id, segment);
    this.active = { segment, file };
  }

  private async dropSegment(seg: Segment): Promise<void> {
    const counts: SignalCounts = { spans: 0, logs: 0, metrics: 0 };
    const head = this.head;
    let removedBeforeHead = 0;
    this.frames = this.frames.filter((f, i) => {
      if (f.segment !== seg.id) return true;
      if (i >= head) {
        counts.spans += f.counts.spans;
        counts.logs += f.counts.logs;
        counts.metrics += f.counts.metrics;
      } else removedBeforeHead++;
      return false;
    });
    this.head = head - removedBeforeHead;
    if (total(counts) > 0) this.options.onDrop(counts, 'queue_full');
    await this.removeSegment(seg);
  }

  private async removeSegment(seg: Segment): Promise<void> {
    this.segments.delete(seg.id);
    this.totalBytes -= seg.bytes;
    await rm(this.segmentPath(seg.id), { force: true });
    await rm(this.ackPath(seg.id), { force: true });
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  private async recover(): Promise<void> {
    const ids = (await readdir(this.dir))
      .map((name) => SEGMENT_FILE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const id of ids) {
      const data = await readFile(this.segmentPath(id));
      const acked = await readAck(this.ackPath(id));
      const seg: Segment = { id, bytes: (await stat(this.segmentPath(id))).size, frames: 0, acked: 0 };
      let offset = 0;
      while (offset < data.length) {
        const parsed = parseFrame(data.subarray(offset));
        if (!parsed) {
          // A torn or damaged tail: nothing after it can be trusted, and nothing after it was acknowledged.
          this.options.onDrop({ spans: 0, logs: 0, metrics: 0 }, 'corrupt');
          break;
        }
        if (seg.frames >= acked) {
          this.frames.push({
            seq: this.nextSeq++,
            segment: id,
            offset,
            length: parsed.length,
            counts: parsed.counts,
          });
        }
        seg.frames++;
        offset += parsed.length;
      }
      seg.acked = Math.min(acked, seg.frames);
      this.nextSegmentId = id + 1;
      if (seg.acked >= seg.frames) {
        await rm(this.segmentPath(id), { force: true });
        await rm(this.ackPath(id), { force: true });
        continue;
      }
      this.segments.set(id, seg);
      this.totalBytes += seg.bytes;
    }
  }

  private segmentPath(id: number): string {
    return path.join(this.dir, `seg-${String(id).padStart(12, '0')}.q`);
  }

  private ackPath(id: number): string {
    return path.join(this.dir, `seg-${String(id).padStart(12, '0')}.ack`);
  }
}

/** QueueClosedError is raised by an append after close. */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
}

function total(c: SignalCounts): number {
  return c.spans + c.logs + c.metrics;
}

function encodeFrame(payload: Buffer, counts: SignalCounts): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  header.writeUInt32LE(counts.spans, 8);
  header.writeUInt32LE(counts.logs, 12);
  header.writeUInt32LE(counts.metrics, 16);
  return Buffer.concat([header, payload]);
}

function parseFrame(buf: Buffer): { payload: Buffer; counts: SignalCounts; length: number } | null {
  if (buf.length < HEADER_BYTES) return null;
  const size = buf.readUInt32LE(0);
  if (buf.length < HEADER_BYTES + size) return null;
  const payload = buf.subarray(HEADER_BYTES, HEADER_BYTES + size);
  if (crc32(payload) !== buf.readUInt32LE(4)) return null;
  return {
    payload,
    counts: { spans: buf.readUInt32LE(8), logs: buf.readUInt32LE(12), metrics: buf.readUInt32LE(16) },
    length: HEADER_BYTES + size,
  };
}

async function readAck(file: string): Promise<number> {
  try {
    const n = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
