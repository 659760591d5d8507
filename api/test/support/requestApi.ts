/** ApiRequester sends one request to the api under test, with an optional bearer token and body. */
export type ApiRequester = (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

/** requestApi returns an ApiRequester for the api at base; a body that is not a string is sent as JSON. */
export function requestApi(base: () => string): ApiRequester {
  return (method, path, token, body, headers = {}) => {
    const json = body !== undefined && typeof body !== 'string';
    return fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : (body as string) }),
    });
  };
}

/** expectProblem asserts a problem+json answer with the status, and returns its body. */
export async function expectProblem(res: Response, status: number): Promise<{ detail?: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { status: number; detail?: string };
  expect(body.status).toBe(status);
  return body;
}
