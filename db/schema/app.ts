import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { feedbackVerdictEnum, healthEnum, localeEnum, owningTeamEnum, roleEnum } from "./enums";
import { leads } from "./domain";

/** What the app itself keeps: logins, API keys, settings, the alignment workspace, audit. */
const ts = (name: string) => timestamp(name, { withTimezone: true });
const created = { createdAt: ts("created_at").notNull().defaultNow() };

/** Login users. E-mail is stored lower-case; the password hash is argon2id. */
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: roleEnum("role").notNull(),
  locale: localeEnum("locale").notNull().default("en"),
  passwordHash: text("password_hash"),
  disabled: boolean("disabled").notNull().default(false),
  /** Sessions carry the version they were issued under; bumping it ends them (lib/auth/session-version.ts). */
  sessionVersion: integer("session_version").notNull().default(0),
  ...created,
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Every sign-in attempt, for per-account and per-address rate limiting. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_at_idx").on(t.email, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

/** API keys: only a SHA-256 of the key is stored; `prefix` identifies a key in lists. */
export const apiKeys = pgTable("api_keys", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  role: roleEnum("role").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  createdBy: integer("created_by").references(() => users.id),
  ...created,
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
});

/** One row (id = 1): the organisation's settings; SLA defaults as docs/metrics.md describes. */
export const organisationSettings = pgTable("organisation_settings", {
  id: integer("id").primaryKey().default(1),
  timeZone: text("time_zone").notNull().default("UTC"),
  currency: text("currency").notNull().default("USD"),
  slaResponseHours: numeric("sla_response_hours").notNull().default("4"),
  mqlMonthlyTarget: integer("mql_monthly_target").notNull().default(100),
  businessHours: text("business_hours").notNull().default("mon-fri 09:00-17:00"),
  holidays: date("holidays", { mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
  /** Days between joint alignment meetings before the cadence is overdue (lib/meetings/cadence.ts). */
  meetingIntervalDays: integer("meeting_interval_days").notNull().default(42),
  /**
   * How the organisation writes ambiguous dates (`mdy` 3/5/2024 = March 5, `dmy` = 3 May, `ymd`):
   * the default date order for reading CRM exports (lib/time/export-values.ts, docs/crm-import.md).
   */
  dateOrder: text("date_order").notNull().default("mdy"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * The SLA policies that were in force before each change (lib/settings/settings.ts writes a row
 * whenever updateSettings changes an SLA setting): the policy of this row applied to the MQLs
 * with mql_at before `valid_until` (and at or after the previous row's `valid_until`); the MQLs
 * after the last change use organisation_settings. So a change applies from its moment on and
 * the numbers of past periods stay as they were (docs/sla.md). `valid_until` is on the app's
 * clock (lib/clock now()).
 */
export const slaPolicyHistory = pgTable(
  "sla_policy_history",
  {
    id: serial("id").primaryKey(),
    validUntil: ts("valid_until").notNull(),
    timeZone: text("time_zone").notNull(),
    slaResponseHours: numeric("sla_response_hours").notNull(),
    businessHours: text("business_hours").notNull(),
    holidays: date("holidays", { mode: "string" }).array().notNull(),
    mqlMonthlyTarget: integer("mql_monthly_target").notNull(),
    ...created,
  },
  (t) => [index("sla_policy_history_until_idx").on(t.validUntil)],
);

export const roadmapColumns = pgTable("roadmap_columns", {
  id: serial("id").primaryKey(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  ...created,
});

export const roadmapItems = pgTable(
  "roadmap_items",
  {
    id: serial("id").primaryKey(),
    columnId: integer("column_id")
      .notNull()
      .references(() => roadmapColumns.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    team: owningTeamEnum("team").notNull(),
    ownerUserId: integer("owner_user_id").references(() => users.id),
    dueOn: date("due_on", { mode: "string" }),
    health: healthEnum("health").notNull().default("on_track"),
    kpiKey: text("kpi_key"),
    kpiTarget: numeric("kpi_target"),
    kpiBaseline: numeric("kpi_baseline"),
    startedAt: ts("started_at"),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    ...created,
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("roadmap_items_column_pos_idx").on(t.columnId, t.position)],
);

export const roadmapComments = pgTable("roadmap_comments", {
  id: serial("id").primaryKey(),
  itemId: integer("item_id")
    .notNull()
    .references(() => roadmapItems.id, { onDelete: "cascade" }),
  authorId: integer("author_id").references(() => users.id),
  body: text("body").notNull(),
  ...created,
});

/**
 * The shared glossary (lib/glossary): business terms, the funnel stages and every KPI. Every edit
 * bumps `version` and writes a row of history; a version is agreed once approved by two sides
 * (glossary_approvals, lib/glossary/rules.ts). `slug` is the term's stable anchor
 * (/glossary#<slug>; a KPI term's slug is its KPI key).
 */
export const glossaryTerms = pgTable("glossary_terms", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  term: text("term").notNull(),
  definition: text("definition").notNull(),
  kpiKey: text("kpi_key"),
  /** term | stage | kpi (lib/glossary/constants.ts). */
  kind: text("kind").notNull().default("term"),
  ownerTeam: owningTeamEnum("owner_team").notNull().default("joint"),
  examples: text("examples").notNull().default(""),
  /** One link a line (https URL or an app path). */
  links: text("links").notNull().default(""),
  /** Qualification criteria (funnel stages). */
  criteria: text("criteria").notNull().default(""),
  /** Order within its kind (the funnel stages' order). */
  position: integer("position").notNull().default(0),
  version: integer("version").notNull().default(1),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const glossaryTermVersions = pgTable(
  "glossary_term_versions",
  {
    id: serial("id").primaryKey(),
    termId: integer("term_id")
      .notNull()
      .references(() => glossaryTerms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    term: text("term").notNull(),
    definition: text("definition").notNull(),
    ownerTeam: owningTeamEnum("owner_team").notNull().default("joint"),
    examples: text("examples").notNull().default(""),
    links: text("links").notNull().default(""),
    criteria: text("criteria").notNull().default(""),
    changedBy: integer("changed_by").references(() => users.id),
    changedAt: ts("changed_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("glossary_term_versions_term_version_idx").on(t.termId, t.version)],
);

/** Who approved which version of a term, with the role they had then. */
export const glossaryApprovals = pgTable(
  "glossary_approvals",
  {
    id: serial("id").primaryKey(),
    termId: integer("term_id")
      .notNull()
      .references(() => glossaryTerms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: roleEnum("role").notNull(),
    ...created,
  },
  (t) => [uniqueIndex("glossary_approvals_term_version_user_idx").on(t.termId, t.version, t.userId)],
);

/** An alignment meeting (lib/meetings). `cadence` is kept for the schema's first shape ("joint"). */
export const meetings = pgTable(
  "meetings",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    cadence: text("cadence").notNull().default("joint"),
    scheduledAt: ts("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    organizerTeam: owningTeamEnum("organizer_team").notNull().default("joint"),
    notes: text("notes").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    ...created,
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("meetings_scheduled_idx").on(t.scheduledAt)],
);

export const meetingAttendees = pgTable(
  "meeting_attendees",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const meetingAgendaItems = pgTable("meeting_agenda_items", {
  id: serial("id").primaryKey(),
  meetingId: integer("meeting_id")
    .notNull()
    .references(() => meetings.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  title: text("title").notNull(),
  ownerUserId: integer("owner_user_id").references(() => users.id),
  minutes: integer("minutes"),
});

export const meetingActionItems = pgTable("meeting_action_items", {
  id: serial("id").primaryKey(),
  meetingId: integer("meeting_id")
    .notNull()
    .references(() => meetings.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  ownerUserId: integer("owner_user_id").references(() => users.id),
  dueOn: date("due_on", { mode: "string" }),
  doneAt: ts("done_at"),
  /** The roadmap card made from this action item, once made. */
  roadmapItemId: integer("roadmap_item_id").references(() => roadmapItems.id, { onDelete: "set null" }),
});

/**
 * Feedback from one team to the other (lib/feedback), attached to evidence: a record
 * (`lead`/`deal`/`asset`/`campaign` + its id) or a report view (`view` + the app path with its
 * URL state). Status open → answered (the other team replied) → resolved.
 */
export const teamFeedback = pgTable(
  "team_feedback",
  {
    id: serial("id").primaryKey(),
    fromTeam: owningTeamEnum("from_team").notNull(),
    toTeam: owningTeamEnum("to_team").notNull(),
    authorId: integer("author_id").references(() => users.id),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    evidenceKind: text("evidence_kind").notNull(),
    evidenceRef: text("evidence_ref").notNull(),
    status: text("status").notNull().default("open"),
    version: integer("version").notNull().default(1),
    ...created,
    firstResponseAt: ts("first_response_at"),
    resolvedAt: ts("resolved_at"),
    lastActivityAt: ts("last_activity_at").notNull().defaultNow(),
  },
  (t) => [index("team_feedback_to_idx").on(t.toTeam, t.status)],
);

export const teamFeedbackMessages = pgTable(
  "team_feedback_messages",
  {
    id: serial("id").primaryKey(),
    feedbackId: integer("feedback_id")
      .notNull()
      .references(() => teamFeedback.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id),
    body: text("body").notNull(),
    ...created,
  },
  (t) => [index("team_feedback_messages_feedback_idx").on(t.feedbackId)],
);

/** When a user last read a feedback thread (the inbox's unread count). */
export const teamFeedbackReads = pgTable(
  "team_feedback_reads",
  {
    feedbackId: integer("feedback_id")
      .notNull()
      .references(() => teamFeedback.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    readAt: ts("read_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.feedbackId, t.userId] })],
);

/**
 * Sales' accept/reject decision on an MQL, made in the app (lib/sla/decisions.ts): at most one
 * per lead (the unique index makes the first decision win when two people decide at once). It
 * is kept apart from the imported sql_at / rejected_at of `leads`, which an import may change;
 * kpi_lead_facts reads both, the decision winning (docs/sla.md). `decided_at` is on the app's
 * clock (lib/clock now()), the moment the decision counts as the sales response; `reason` is
 * one of REJECTION_REASONS for a rejection, `comment` the text of "other".
 */
export const leadFeedback = pgTable(
  "lead_feedback",
  {
    id: serial("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.leadId),
    userId: integer("user_id").references(() => users.id),
    verdict: feedbackVerdictEnum("verdict").notNull(),
    reason: text("reason"),
    comment: text("comment"),
    decidedAt: ts("decided_at").notNull().defaultNow(),
    ...created,
  },
  (t) => [uniqueIndex("lead_feedback_lead_uq").on(t.leadId)],
);

/**
 * A filled-in alignment assessment (lib/assessment): answers by question key (1–4), the evidence
 * measured at that moment, and the resulting score (0–100) and level.
 */
export const assessments = pgTable("assessments", {
  id: serial("id").primaryKey(),
  takenBy: integer("taken_by").references(() => users.id),
  answers: jsonb("answers").$type<Record<string, number>>().notNull(),
  score: numeric("score").notNull(),
  level: text("level").notNull().default("somewhat_misaligned"),
  selfScore: numeric("self_score"),
  evidenceScore: numeric("evidence_score"),
  evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
  ...created,
});

/** Every change made through the app (UI, API, operator commands). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    actorApiKeyId: integer("actor_api_key_id").references(() => apiKeys.id),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/** One run of the importer (CLI or upload), with its per-file counts and errors. */
export const importRuns = pgTable("import_runs", {
  id: serial("id").primaryKey(),
  source: text("source").notNull(),
  startedAt: ts("started_at").notNull().defaultNow(),
  finishedAt: ts("finished_at"),
  status: text("status").notNull().default("running"),
  summary: jsonb("summary"),
  startedBy: integer("started_by").references(() => users.id),
  /**
   * Last sign of life of a running import (lib/import/runs.ts): refreshed every few seconds while
   * it runs; a `running` row whose heartbeat is older than STALE_IMPORT_MINUTES belongs to an
   * import whose process is gone, and is marked failed.
   */
  heartbeatAt: ts("heartbeat_at").defaultNow(),
});
