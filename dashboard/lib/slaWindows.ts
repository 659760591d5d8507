import type { SlaWindow } from '@sightline/contracts';

/** SLA_WINDOWS lists the windows the board can show, shortest first; mirrors SlaWindow in @sightline/contracts. */
export const SLA_WINDOWS: readonly SlaWindow[] = ['5m', '1h', '1d', '30d'];

/** DEFAULT_SLA_WINDOW is the window the board opens on. */
export const DEFAULT_SLA_WINDOW: SlaWindow = '5m';
