import http from 'node:http';

// jsdom has no fetch; this is just enough of one (over node:http) for the console's calls to a local server.
/** nodeFetch performs a fetch-like HTTP request with node:http and resolves to a minimal Response. */
export function nodeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  return new Promise((resolve, reject) => {
    if (init.signal?.aborted) return reject(new Error('aborted'));
    const req = http.request(
      url,
      { method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string> },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: { get: (name: string) => res.headers[name.toLowerCase()] ?? null },
            text: async () => text,
            json: async () => JSON.parse(text) as unknown,
            arrayBuffer: async () =>
              bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
          } as unknown as Response);
        });
      },
    );
    init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
    req.on('error', reject);
    if (typeof init.body === 'string') req.write(init.body);
    req.end();
  });
}
