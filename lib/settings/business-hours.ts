/**
 * Business hours: `DAYS HH:MM-HH:MM`, where DAYS is a range (`mon-fri`, wrapping allowed:
 * `sun-thu`), a list (`mon,tue,thu`) or a mix (`mon-wed,fri`). Days use ISO weekday numbers
 * (1 = Monday … 7 = Sunday, as luxon's `weekday`). Times are minutes after midnight;
 * the end may be 24:00 and must be after the start.
 */
export const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export type BusinessHours = {
  /** ISO weekdays, ascending, 1 = Monday. */
  days: number[];
  startMinutes: number;
  endMinutes: number;
};

export class BusinessHoursError extends Error {}

function dayNumber(name: string): number {
  const index = (DAY_NAMES as readonly string[]).indexOf(name);
  if (index < 0) throw new BusinessHoursError(`unknown day "${name}" (use ${DAY_NAMES.join(", ")})`);
  return index + 1;
}

function parseTime(text: string, isEnd: boolean): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new BusinessHoursError(`"${text}" is not a time HH:MM`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (isEnd && hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) throw new BusinessHoursError(`"${text}" is not a time between 00:00 and 23:59`);
  return hours * 60 + minutes;
}

export function parseBusinessHours(text: string): BusinessHours {
  const parts = text.trim().toLowerCase().split(/\s+/);
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new BusinessHoursError('must look like "mon-fri 09:00-17:00"');
  }
  const [dayText, timeText] = parts as [string, string];
  const days = new Set<number>();
  for (const item of dayText.split(",")) {
    if (item === "") throw new BusinessHoursError(`"${dayText}" has an empty day`);
    const range = item.split("-");
    if (range.length === 1) days.add(dayNumber(item));
    else if (range.length === 2) {
      const from = dayNumber(range[0]!);
      const to = dayNumber(range[1]!);
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
    } else throw new BusinessHoursError(`"${item}" is not a day or a day range`);
  }
  const times = timeText.split("-");
  if (times.length !== 2) throw new BusinessHoursError(`"${timeText}" is not a time range HH:MM-HH:MM`);
  const startMinutes = parseTime(times[0]!, false);
  const endMinutes = parseTime(times[1]!, true);
  if (endMinutes <= startMinutes) throw new BusinessHoursError(`the end time must be after the start time`);
  return { days: [...days].sort((a, b) => a - b), startMinutes, endMinutes };
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The canonical text: runs of 3+ consecutive days as ranges, e.g. "mon-fri 09:00-17:00". */
export function formatBusinessHours(hours: BusinessHours): string {
  const groups: string[] = [];
  const days = hours.days;
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    const name = (d: number) => DAY_NAMES[d - 1]!;
    if (j - i >= 2) groups.push(`${name(days[i]!)}-${name(days[j]!)}`);
    else for (let k = i; k <= j; k++) groups.push(name(days[k]!));
    i = j + 1;
  }
  return `${groups.join(",")} ${formatTime(hours.startMinutes)}-${formatTime(hours.endMinutes)}`;
}
