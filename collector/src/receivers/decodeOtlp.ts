import { OTLP_TYPES } from '../otlp/otlpRoot';
import { OtlpRequestError } from './OtlpRequestError';
import type { OtlpFormat } from './readOtlpBody';

/** OtlpSignal is a signal the collector receives. */
export type OtlpSignal = 'traces' | 'logs' | 'metrics';

/** decodeOtlp parses a request body into the export request object; a body that does not parse is a 400. */
export function decodeOtlp(signal: OtlpSignal, format: OtlpFormat, body: Buffer): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch (err) {
      throw new OtlpRequestError(
        400,
        'malformed',
        `malformed JSON: ${(err as Error).message.slice(0, 200)}`,
        { cause: err },
      );
    }
  }
  try {
    return OTLP_TYPES[signal].request.decode(body);
  } catch (err) {
    throw new OtlpRequestError(
      400,
      'malformed',
      `malformed protobuf: ${(err as Error).message.slice(0, 200)}`,
      { cause: err },
    );
  }
}
