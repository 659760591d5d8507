/** Muter decides whether an alert is muted right now, and says why; silencers and inhibitors are both Muters. */
export interface Muter {
  /** mutes returns a reason (e.g. "silence 3f2…", "inhibited by GatewayHighErrorRatio") or null. */
  mutes(labels: Record<string, string>): string | null;
}
