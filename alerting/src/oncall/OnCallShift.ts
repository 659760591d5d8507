/** ShiftSource says whether someone is on call through a layer's rotation or through an override. */
export type ShiftSource = 'layer' | 'override';

/** OnCallShift is one stretch of the final schedule: who is on call, from start (inclusive) to end. */
export interface OnCallShift {
  user: string;
  start: Date;
  end: Date;
  source: ShiftSource;
  /** layer is the layer's name when source is 'layer'. */
  layer?: string;
}
