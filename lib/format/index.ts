/**
 * One formatting module for the whole app (pure functions over next-intl's formatter, usable
 * on the server and in client components): money, numbers, percentages, durations, dates and
 * date-times, values of a Unit in the style of their place, table cells and raw export values.
 */
export * from "./units";
export * from "./formatter";
export * from "./numbers";
export * from "./dates";
export * from "./values";
