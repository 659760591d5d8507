import type { Muter } from '../inhibit/Muter';
import type { Silencer } from '../silence/Silencer';
import type { EngineConfig } from './EngineConfig';

/** PipelineContext is what one timer pass knows: configuration, the instant, and the muters built for it. */
export interface PipelineContext {
  cfg: EngineConfig;
  now: Date;
  consoleBaseUrl: string;
  silencer: Silencer;
  inhibitor: Muter;
}
