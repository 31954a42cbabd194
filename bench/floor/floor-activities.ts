/** The floor workflow's only activity: a round trip through Temporal that does no work. */
export const floorActivities = {
  doNothing(): Promise<void> {
    return Promise.resolve();
  },
};
export type FloorActivities = typeof floorActivities;
