/** CHART_SIZE is a chart's size before it is measured (server render, tests): the frame's fixed height. */
export const CHART_SIZE = { width: 320, height: 240 } as const;
