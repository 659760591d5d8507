/** DrillTenant is a tenant a drill creates, with its API key and its one binding limit (requests per second). */
export interface DrillTenant {
  id: string;
  apiKey: string;
  perSecond: number;
}
