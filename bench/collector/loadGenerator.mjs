// OTLP/HTTP protobuf load: `connections` keep-alive connections, each POSTing one batch after another to /v1/traces
// for `durationMs`; counts the spans of batches answered 200 and every other outcome.
import http from 'node:http';

/** runLoad posts batches from `source` to `url` and returns { spans, ok, non2xx, errors, seconds }. */
export async function runLoad(url, source, { connections, durationMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port, pathname } = new URL(url);
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const post = (body) =>
    new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const status = await post(source.next());
        if (status === 200) ok++;
        else if (status === 0) errors++;
        else non2xx++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  // The last batches are answered after the window; they count, and so does the time to answer them (and their CPU,
  // which the caller measures over the same span).
  return { spans: ok * source.spansPerBatch, ok, non2xx, errors, seconds };
}
