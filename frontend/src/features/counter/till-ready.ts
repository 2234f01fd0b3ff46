/** The performance mark the counter sets once per page load, when its menu is first on screen and takes taps. */
export const TILL_READY = 'crema:till-ready';

/** Sets the {@link TILL_READY} mark (`make bench` reads it to time the counter app's cold start). */
export function markTillReady(perf: Pick<Performance, 'mark' | 'getEntriesByName'> = performance): void {
  if (perf.getEntriesByName(TILL_READY).length === 0) perf.mark(TILL_READY);
}
