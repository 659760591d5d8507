import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OutcomeKeepingProcessor, RecordSampler, RecordingRatioSampler } from '../src/outcomeSampling';

function setup(ratio: number, maxPendingTraces = 10_000) {
  const exporter = new InMemorySpanExporter();
  const processor = new OutcomeKeepingProcessor(
    new SimpleSpanProcessor(exporter),
    { slowMs: 1000 },
    maxPendingTraces,
  );
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({
      root: new RecordingRatioSampler(ratio),
      localParentNotSampled: new RecordSampler(),
    }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('test');
  /** request makes a gateway-like SERVER span with a CLIENT child and ends both with the given status. */
  const request = (status: number, startTime?: number) => {
    const root = tracer.startSpan('server', { kind: SpanKind.SERVER, root: true, startTime }, ROOT_CONTEXT);
    const child = tracer.startSpan('client', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, root));
    child.end();
    root.setAttribute('http.response.status_code', status);
    root.end();
    return root;
  };
  return { exporter, processor, tracer, request };
}

describe('keeping unsampled traces by their outcome', () => {
  it('drops a successful unsampled request, and tells its downstream it is not sampled', () => {
    const { exporter, request } = setup(0);
    const root = request(200);
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(root.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
  });

  it.each([
    ['a 5xx', 503, undefined],
    ['a 429', 429, undefined],
    ['a slow request', 200, Date.now() - 2_000],
  ])(
    'keeps %s with its child span, marked sampled, so the log line written after it carries the ids',
    (_, status, start) => {
      const { exporter, processor, request } = setup(0);
      const root = request(status, start);
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name)).toEqual(['client', 'server']);
      expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
      expect(spans[0]!.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(root.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(TraceFlags.SAMPLED);
      expect(processor.kept).toBe(1);
    },
  );

  it('gives a child that ends after its root the root’s verdict, holding nothing for it', () => {
    const { exporter, tracer } = setup(0, 5);
    const ends = (status: number) => {
      const root = tracer.startSpan('server', { root: true }, ROOT_CONTEXT);
      const child = tracer.startSpan('client', {}, trace.setSpan(ROOT_CONTEXT, root));
      root.setAttribute('http.response.status_code', status);
      root.end();
      child.end();
    };
    ends(502);
    ends(200);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['server', 'client']);
    // Many late children of dropped roots leave nothing behind: a later failure still keeps its own child.
    for (let i = 0; i < 50; i++) ends(200);
    ends(500);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['server', 'client', 'server', 'client']);
  });

  it('passes sampled traces straight through, marking a sampled failure as one that would have been kept', () => {
    const { exporter, processor, request } = setup(1);
    request(200);
    request(500);
    const roots = exporter.getFinishedSpans().filter((s) => s.name === 'server');
    expect(roots.map((s) => s.attributes['sightline.trace.kept'])).toEqual([undefined, 'outcome']);
    expect(exporter.getFinishedSpans()).toHaveLength(4);
    expect(processor.kept).toBe(0);
  });

  it('holds the spans of at most maxPendingTraces unfinished traces, forgetting the oldest first', () => {
    const { exporter, tracer } = setup(0, 6);
    const roots = Array.from({ length: 8 }, () => tracer.startSpan('server', { root: true }, ROOT_CONTEXT));
    roots.forEach((root, i) => {
      const client = tracer.startSpan('client', {}, trace.setSpan(ROOT_CONTEXT, root));
      client.setAttribute('n', i);
      client.end();
    });
    for (const root of roots) {
      root.setAttribute('http.response.status_code', 500);
      root.end();
    }
    const spans = exporter.getFinishedSpans();
    // Every failed root is kept; the unfinished traces are forgotten three at a time (half of 6), oldest first, so
    // the children of the five newest were still held when their roots ended.
    expect(spans.filter((s) => s.name === 'server')).toHaveLength(8);
    expect(spans.filter((s) => s.name === 'client').map((s) => s.attributes.n)).toEqual([3, 4, 5, 6, 7]);
  });
});
