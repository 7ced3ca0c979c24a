/** The last day of the appeal window: `windowDays` after the day of the proposal (Amsterdam dates). */
export function appealWindowEnds(proposedOn: string, windowDays: number): string {
  const lastDay = new Date(`${proposedOn}T12:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() + windowDays);
  return lastDay.toISOString().slice(0, 10);
}
