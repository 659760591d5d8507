import type fc from 'fast-check';
import type { FuzzService } from './fuzzStage';

/** FuzzRequest is one generated HTTP request: method, path with its query, headers and body. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** FuzzTarget is one input surface of one service, with the generator of the requests it is sent. */
export interface FuzzTarget {
  name: string;
  service: FuzzService;
  /** requests generates the inputs; fast-check's seed makes a run repeatable. */
  requests: fc.Arbitrary<FuzzRequest>;
}
