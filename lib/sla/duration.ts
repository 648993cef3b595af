/**
 * Business durations as the SLA page shows them ("1 h 10 min"): whole hours and minutes.
 * Time left is rounded down (never promise more than there is); lateness is rounded up (a
 * response 20 seconds late is "1 min" late, not "0 min"). Pure, client-safe.
 */
export function hoursMinutes(ms: number, rounding: "down" | "up"): { hours: number; minutes: number } {
  const totalMinutes = Math.max(0, rounding === "down" ? Math.floor(ms / 60_000) : Math.ceil(ms / 60_000));
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}
