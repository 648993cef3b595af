/** The standing agenda of an alignment meeting (the list), pre-filled in the reader's language. */
export const STANDING_AGENDA = [
  "shared_goals",
  "strategy",
  "common_terms",
  "past_campaigns",
  "current_campaigns",
  "upcoming_campaigns",
  "open_challenges",
] as const;
export type StandingAgendaKey = (typeof STANDING_AGENDA)[number];

/** The default cadence: a joint meeting at least every 6 weeks. */
export const DEFAULT_MEETING_INTERVAL_DAYS = 42;

export const MEETING_LIMITS = {
  title: 200,
  notes: 5_000,
  agendaItems: 30,
  agendaItem: 200,
  attendees: 50,
  actionTitle: 200,
  /** The interval setting's bounds, in days. */
  minInterval: 7,
  maxInterval: 365,
  durationMinutes: 480,
} as const;
