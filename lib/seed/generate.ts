import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { CHANNELS, type Channel } from "@/lib/enums";
import { now } from "@/lib/clock";
import { CsvWriter, csvField } from "./csv";
import {
  ACCOUNT_CORES,
  ACCOUNT_MIDDLES,
  ACCOUNT_PREFIXES,
  CONTENT_TOPICS,
  FIRST_NAMES,
  INDUSTRIES,
  INDUSTRY_WEIGHTS,
  LAST_NAMES,
  LOST_REASONS,
  PRODUCTS_EXPANSION,
  PRODUCTS_NEW,
  REGION_WEIGHTS,
  REJECTION_REASONS,
  TITLE_TEMPLATES,
  type Industry,
} from "./names";
import { Random, WeightedTable, weighted } from "./random";
import {
  DAY,
  HOUR,
  MINUTE,
  SECOND,
  addBusinessHours,
  addMonthsUtc,
  isBusinessTime,
  isWeekend,
  isoDate,
  isoSeconds,
  startOfDay,
  weekday,
} from "./time";

/**
 * The demo data generator: writes the ten canonical CSV files of data-contract.md §1 into a
 * folder, for the importer to load exactly as it would load a customer's export.
 *
 * - **Deterministic**: one seeded PRNG (lib/seed/random.ts) drives everything, in one fixed
 *   order; the same `seed`, `scale` and `now` give byte-identical files.
 * - **Streaming**: leads are generated day by day in creation order, and each lead's
 *   touchpoints, deal, deal contacts, activities and content usages are written as soon as the
 *   lead is made, through write streams with backpressure. Only per-account aggregates (a few
 *   typed arrays) are held in memory, so `large` (1,000,000 leads) runs in bounded memory.
 *   accounts.csv is written last, when every account's first won deal (customer_since) is known.
 * - **`now`** (the end of the data) defaults to {@link defaultSeedNow}: midnight UTC today (of
 *   the day ALIGNBOARD_NOW pins, if set: lib/clock.ts), so
 *   "this month" and "the last 30 days" on the dashboard are never empty. Leads are created over
 *   the 30 months before `now` — the first six months are a warm-up, so the last two years
 *   have a steady, full pipeline — and no timestamp or date is after `now`. The same day gives
 *   the same files (a cached dataset stays valid for the day).
 * - **Believable B2B shape** (checked with the KPI engine in kpi-shape.test.ts): marketing
 *   sources 30–60 % of the revenue and influences 60–85 % (outbound and partner leads bring
 *   the rest, many of them never touched by marketing), revenue grows moderately year over
 *   year, win rates of 15–35 %, a Q4 push and an August dip, and a few big enterprise deals.
 * - All timestamps are UTC (the default organisation time zone); business hours are
 *   Mon–Fri 09:00–17:00 UTC, so SLA figures come out as designed with the default settings.
 */

export type SeedScale = "small" | "large";
export const SEED_SCALES: readonly SeedScale[] = ["small", "large"];

/** The canonical files in import order (parents before children). */
export const SEED_FILES = [
  "team_members",
  "campaigns",
  "accounts",
  "leads",
  "touchpoints",
  "deals",
  "deal_contacts",
  "sales_activities",
  "content_assets",
  "content_usage",
] as const;
export type SeedFile = (typeof SEED_FILES)[number];

const HEADERS: Record<SeedFile, readonly string[]> = {
  team_members: ["email", "name", "team", "role"],
  campaigns: ["campaign_id", "name", "channel", "started_on", "ended_on", "cost"],
  accounts: ["account_id", "name", "industry", "segment", "region", "customer_since", "churned_on"],
  leads: [
    "lead_id", "email", "first_name", "last_name", "account_id", "created_at", "source_channel", "campaign_id",
    "owner_email", "mql_at", "sql_at", "rejected_at", "rejection_reason", "customer_at",
  ],
  touchpoints: ["touchpoint_id", "lead_id", "occurred_at", "channel", "campaign_id", "type"],
  deals: [
    "deal_id", "name", "account_id", "primary_lead_id", "owner_email", "amount", "currency", "created_at", "stage",
    "closed_at", "expected_close_on", "lost_reason",
  ],
  deal_contacts: ["deal_id", "lead_id"],
  sales_activities: ["activity_id", "lead_id", "occurred_at", "type", "rep_email"],
  content_assets: ["asset_id", "title", "type", "funnel_stage", "owner_email", "published_at", "archived_at", "url"],
  content_usage: ["usage_id", "asset_id", "occurred_at", "action", "user_email", "deal_id", "lead_id"],
};

export const SCALE_SIZES: Record<SeedScale, { leads: number; accounts: number; assets: number }> = {
  small: { leads: 2_000, accounts: 300, assets: 60 },
  large: { leads: 1_000_000, accounts: 60_000, assets: 600 },
};

/** Bump when the generated content changes, so cached datasets are regenerated. */
export const GENERATOR_VERSION = 4;

/**
 * Months of lead creation before `now` (24 reported + 6 warm-up): long enough for enterprise
 * cycles to fill the pipeline before the previous year starts, so year-over-year figures compare
 * two full years instead of a ramp from zero.
 */
export const HISTORY_MONTHS = 30;

export interface GenerateProgress {
  /** 0..1, by days of history written. */
  fraction: number;
  leads: number;
}

export interface GenerateOptions {
  scale: SeedScale;
  seed: number;
  /** End of the data; default {@link defaultSeedNow}. */
  now?: Date;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateResult {
  /** Rows written per file (key = file name without `.csv`). */
  counts: Record<string, number>;
  /** The `now` the data ends at (ISO). */
  now: string;
}

/** The default end of the demo data: midnight UTC of today (lib/clock.ts: ALIGNBOARD_NOW pins it). */
export function defaultSeedNow(today: Date = now()): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
}

// ---------------------------------------------------------------------------------------------
// Fixed parts: the team

interface Member {
  email: string;
  name: string;
  team: "sales" | "marketing";
  role: "rep" | "lead" | "manager";
}

const member = (first: string, last: string, team: Member["team"], role: Member["role"], email?: string): Member => ({
  email: `${email ?? first.toLowerCase()}@alignboard.example`,
  name: `${first} ${last}`,
  team,
  role,
});

/** 20 people: sales (1 manager, 2 team leads, 10 reps) and marketing (1 manager, 1 lead, 5). */
export const TEAM: readonly Member[] = [
  member("Victoria", "Hale", "sales", "manager"),
  member("Marcus", "Chen", "sales", "lead"),
  member("Priya", "Raman", "sales", "lead"),
  member("Rita", "Reyes", "sales", "rep"),
  member("Omar", "Haddad", "sales", "rep"),
  member("Jonas", "Weber", "sales", "rep"),
  member("Aisha", "Bello", "sales", "rep"),
  member("Lucas", "Moreau", "sales", "rep"),
  member("Sofia", "Lindqvist", "sales", "rep"),
  member("Daniel", "Okafor", "sales", "rep"),
  member("Hannah", "Kim", "sales", "rep"),
  member("Mateo", "García", "sales", "rep"),
  member("Emily", "Walsh", "sales", "rep"),
  member("Mia", "Novak", "marketing", "manager"),
  member("Grace", "Whitfield", "marketing", "lead"),
  member("Tom", "Becker", "marketing", "rep"),
  member("Leila", "Farah", "marketing", "rep"),
  member("Noah", "Brooks", "marketing", "rep"),
  member("Chloé", "Martin", "marketing", "rep", "chloe"),
  member("Ingrid", "Solberg", "marketing", "rep"),
];

// ---------------------------------------------------------------------------------------------
// Tunables

const SOURCE_MIX: Record<Channel, number> = {
  organic_search: 19,
  paid_search: 13,
  organic_social: 5,
  paid_social: 9,
  email: 8,
  events: 6,
  webinar: 8,
  content: 9,
  referral: 6,
  direct: 7,
  partner: 8,
  outbound: 25,
  unknown: 0,
};

/** Share of a channel's leads that become MQLs. */
const MQL_RATE: Record<Channel, number> = {
  organic_search: 0.47,
  paid_search: 0.5,
  organic_social: 0.34,
  paid_social: 0.36,
  email: 0.5,
  events: 0.62,
  webinar: 0.66,
  content: 0.52,
  referral: 0.64,
  direct: 0.5,
  partner: 0.6,
  outbound: 0,
  unknown: 0,
};

/** Of MQLs (that get an outcome): share accepted as SQL / rejected. */
const SQL_RATE: Record<Channel, number> = {
  organic_search: 0.5,
  paid_search: 0.46,
  organic_social: 0.36,
  paid_social: 0.32,
  email: 0.44,
  events: 0.54,
  webinar: 0.5,
  content: 0.42,
  referral: 0.68,
  direct: 0.5,
  partner: 0.62,
  outbound: 0,
  unknown: 0,
};
const REJECT_RATE: Record<Channel, number> = {
  organic_search: 0.3,
  paid_search: 0.32,
  organic_social: 0.42,
  paid_social: 0.45,
  email: 0.33,
  events: 0.28,
  webinar: 0.3,
  content: 0.34,
  referral: 0.16,
  direct: 0.3,
  partner: 0.22,
  outbound: 0,
  unknown: 0,
};

/** Multiplier on the segment's base win rate by the primary lead's source. */
const WIN_FACTOR: Record<Channel, number> = {
  organic_search: 1.05,
  paid_search: 0.9,
  organic_social: 0.85,
  paid_social: 0.75,
  email: 1.0,
  events: 1.15,
  webinar: 1.1,
  content: 1.0,
  referral: 1.35,
  direct: 1.0,
  partner: 1.25,
  outbound: 1.0,
  unknown: 1.0,
};

/** Touchpoint channel mix after a lead exists (nurture, research, sales touches). */
const LATER_TOUCH_MIX: Partial<Record<Channel, number>> = {
  email: 30,
  content: 14,
  webinar: 9,
  organic_search: 10,
  direct: 10,
  paid_search: 6,
  paid_social: 6,
  organic_social: 5,
  events: 5,
  referral: 2,
  partner: 1,
  outbound: 2,
};
/** Anonymous visits before the lead's creating touch. */
const EARLY_TOUCH_MIX: Partial<Record<Channel, number>> = {
  organic_search: 35,
  direct: 20,
  paid_social: 15,
  organic_social: 15,
  paid_search: 10,
  content: 5,
};

const TOUCH_TYPES: Record<Channel, readonly string[]> = {
  organic_search: ["visit"],
  paid_search: ["click"],
  organic_social: ["visit", "engagement"],
  paid_social: ["click", "view"],
  email: ["open", "click"],
  events: ["booth_visit", "attend"],
  webinar: ["register", "attend"],
  content: ["download", "visit"],
  referral: ["referral"],
  direct: ["visit"],
  partner: ["referral", "meeting"],
  outbound: ["call", "email_reply"],
  unknown: ["visit"],
};

const SEGMENTS = ["smb", "mid_market", "enterprise"] as const;
const SEGMENT_WEIGHTS = [62, 28, 10];
/** Relative lead volume per account by segment (big companies have more people). */
const SEGMENT_LEAD_WEIGHT = [1, 1.8, 3.2];
const SEGMENT_WIN = [0.28, 0.25, 0.2];
const SEGMENT_CYCLE_MEDIAN_DAYS = [26, 48, 92];
const SEGMENT_AMOUNT: readonly { median: number; min: number; max: number }[] = [
  { median: 7_000, min: 3_000, max: 15_000 },
  { median: 30_000, min: 15_000, max: 60_000 },
  { median: 90_000, min: 50_000, max: 220_000 },
];
const SEGMENT_CHURN = [0.24, 0.15, 0.08];
/** Share of won enterprise deals that are a big, multi-year deal, and their amount range. */
const BIG_DEAL_CHANCE = 0.03;
const BIG_DEAL_AMOUNT: readonly [number, number] = [250_000, 400_000];
/** Share of outbound (sales-sourced) leads that sales qualifies. */
const OUTBOUND_SQL_RATE = 0.6;
/**
 * Share of sales-sourced leads (outbound, partner) whose later touches stay on sales channels,
 * so marketing influences part, not all, of the revenue it did not source.
 */
const SALES_ONLY_TOUCH_CHANCE = 0.8;
/** Closing seasonality: deals due in August slip into September; January wins are pulled into the Q4 push. */
const AUGUST_SLIP_CHANCE = 0.35;
const Q4_PULL_CHANCE = 0.35;

/** Hour-of-day weights for people's activity (web forms, e-mail opens, scoring events). */
const WEEKDAY_HOURS = [1, 1, 1, 1, 1, 1, 1.5, 2.5, 5, 9, 10, 9, 7, 9, 9, 8, 7, 5, 3.5, 3, 2.5, 2, 1.5, 1];
const WEEKEND_HOURS = [1, 0.6, 0.5, 0.5, 0.5, 0.6, 1, 1.5, 2.5, 3.5, 4, 4, 4, 4, 4, 4, 3.5, 3, 3, 3, 3, 2.5, 2, 1.5];
const HOUR_INDEX = Array.from({ length: 24 }, (_, h) => h);

const WEEKDAY_VOLUME = [0.25, 1.05, 1.1, 1.1, 1.05, 0.9, 0.3]; // Sun..Sat
/**
 * Lead volume grows by this share over the history (linearly: the last day has 1 + LEAD_GROWTH
 * times the first day's volume before seasonality and noise), about +25 % year over year: with
 * the small scale's ~55 wins a year and a few big deals, revenue growth then lands in the
 * −10..+40 % a B2B reader expects at the seed's checked end dates (kpi-shape.test.ts).
 */
const LEAD_GROWTH = 0.8;
const MONTH_VOLUME = [1.05, 1.0, 1.1, 1.0, 1.0, 0.95, 0.85, 0.8, 1.1, 1.15, 1.05, 0.75];

const CAMPAIGN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  "paid_search",
  "paid_social",
  "email",
  "webinar",
  "events",
  "content",
  "partner",
]);

// ---------------------------------------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const sec = (ms: number) => Math.floor(ms / SECOND) * SECOND;
const asciiSlug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
const domainSlug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const money = (n: number) => n.toFixed(2);

interface Campaign {
  id: string;
  name: string;
  channel: Channel;
  start: number;
  end: number | null;
  cost: number;
}

interface Asset {
  id: string;
  published: number;
  archived: number; // NaN when not archived
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Generates the demo dataset into `folder` (created if needed). See the module comment. */
export async function generateDataset(folder: string, opts: GenerateOptions): Promise<GenerateResult> {
  if (!SEED_SCALES.includes(opts.scale)) throw new Error(`unknown scale "${String(opts.scale)}"`);
  if (!Number.isSafeInteger(opts.seed)) throw new Error("seed must be an integer");
  await mkdir(folder, { recursive: true });
  const gen = new Generator(folder, opts);
  try {
    await gen.run();
  } catch (err) {
    gen.destroy();
    throw err;
  }
  const counts: Record<string, number> = {};
  for (const f of SEED_FILES) counts[f] = gen.writers[f].rows;
  return { counts, now: new Date(gen.now).toISOString() };
}

class Generator {
  readonly rng: Random;
  readonly now: number;
  readonly windowStart: number;
  readonly size: { leads: number; accounts: number; assets: number };
  readonly writers: Record<SeedFile, CsvWriter>;
  private readonly onProgress: ((p: GenerateProgress) => void) | undefined;

  // team
  private readonly owners: Member[];
  private readonly ownerTable: WeightedTable<number>;
  private readonly ownerFastShare: number[];
  private readonly salesPeople: Member[];
  private readonly marketers: Member[];

  // campaigns
  private campaigns: Campaign[] = [];
  private readonly activeStartDay: number;
  private activeByDay: number[][][] = []; // [day][channelIndex] -> campaign indexes

  // accounts
  private accountNames: string[] = [];
  private accountDomains: string[] = [];
  private accountIndustry: Industry[] = [];
  private accountRegion: string[] = [];
  private accountSegment = new Uint8Array(0);
  private accountTable!: WeightedTable<number>;
  private firstWon = new Float64Array(0);
  private lastWon = new Float64Array(0);
  private leadCounter = new Int32Array(0);
  private nameOffset = new Int32Array(0);
  private nameStride = new Int32Array(0);
  private recentLeads = new Int32Array(0); // 3 per account, -1 = none
  private recentPos = new Uint8Array(0);

  // assets
  private assets: Asset[] = [];
  private assetTable!: WeightedTable<number>;

  // win chances carried per close month (winDraw)
  private readonly winCredit = new Map<number, number>();

  // sequences
  private leadSeq = 0;
  private touchSeq = 0;
  private dealSeq = 0;
  private activitySeq = 0;
  private usageSeq = 0;

  // tables
  private readonly sourceTable = weighted(SOURCE_MIX);
  private readonly laterTouchTable = weighted(LATER_TOUCH_MIX as Record<Channel, number>);
  private readonly earlyTouchTable = weighted(EARLY_TOUCH_MIX as Record<Channel, number>);
  private readonly weekdayHourTable = new WeightedTable(HOUR_INDEX, WEEKDAY_HOURS);
  private readonly weekendHourTable = new WeightedTable(HOUR_INDEX, WEEKEND_HOURS);
  private readonly lostReasonTable = weighted(LOST_REASONS);
  private readonly rejectionTable = weighted(REJECTION_REASONS);
  private readonly activityTypeTable = weighted({ email: 42, call: 36, meeting: 10, social: 12 });
  private readonly dealActivityTable = weighted({ meeting: 34, call: 30, email: 31, social: 5 });
  private readonly usageActionTable = weighted({ viewed: 42, downloaded: 28, shared: 12, sent: 11, presented: 7 });
  private readonly dealUsageActionTable = weighted({ viewed: 24, downloaded: 14, shared: 22, sent: 24, presented: 16 });
  private readonly nameCombos = FIRST_NAMES.length * LAST_NAMES.length;
  private readonly firstSlugs = FIRST_NAMES.map(asciiSlug);
  private readonly lastSlugs = LAST_NAMES.map(asciiSlug);

  // scratch for touchpoints (≤ 10 per lead)
  private readonly tTimes = new Float64Array(16);
  private readonly tChannels = new Int8Array(16);
  private readonly tCampaign = new Int16Array(16);
  private readonly tOrder = new Int8Array(16);

  constructor(folder: string, opts: GenerateOptions) {
    this.rng = new Random(opts.seed ^ (opts.scale === "large" ? 0x5eed1a7e : 0));
    this.now = sec((opts.now ?? defaultSeedNow()).getTime());
    this.windowStart = startOfDay(addMonthsUtc(this.now, -HISTORY_MONTHS));
    this.size = SCALE_SIZES[opts.scale];
    this.onProgress = opts.onProgress;
    this.activeStartDay = Math.floor(this.windowStart / DAY) - 120;
    this.writers = Object.fromEntries(
      SEED_FILES.map((f) => [f, new CsvWriter(join(folder, `${f}.csv`), HEADERS[f])]),
    ) as Record<SeedFile, CsvWriter>;

    this.owners = TEAM.filter((m) => m.team === "sales" && m.role !== "manager");
    this.ownerTable = new WeightedTable(
      this.owners.map((_, i) => i),
      this.owners.map((m) => (m.role === "lead" ? 0.55 : 1) * this.rng.range(0.8, 1.2)),
    );
    // Each owner's share of MQLs answered quickly: some reps are much better at the SLA.
    this.ownerFastShare = this.owners.map(() => this.rng.range(0.55, 0.92));
    this.salesPeople = TEAM.filter((m) => m.team === "sales");
    this.marketers = TEAM.filter((m) => m.team === "marketing");
  }

  destroy(): void {
    for (const f of SEED_FILES) this.writers[f].destroy();
  }

  async run(): Promise<void> {
    for (const m of TEAM) this.writers.team_members.write(`${m.email},${csvField(m.name)},${m.team},${m.role}`);
    this.buildCampaigns();
    this.buildAccounts();
    this.buildAssets();

    const days = this.dailyLeadCounts();
    const firstDay = Math.floor(this.windowStart / DAY);
    let written = 0;
    for (let d = 0; d < days.length; d++) {
      const dayStart = (firstDay + d) * DAY;
      const n = days[d]!;
      const times = new Float64Array(n);
      const weekend = isWeekend(dayStart);
      for (let i = 0; i < n; i++) times[i] = sec(dayStart + this.timeOfDay(weekend));
      times.sort();
      for (let i = 0; i < n; i++) this.lead(times[i]!);
      this.untiedUsage(dayStart, weekend);
      written += n;
      await this.drainAll();
      this.onProgress?.({ fraction: (d + 1) / days.length, leads: written });
    }
    this.writeAccounts();
    for (const f of SEED_FILES) await this.writers[f].close();
  }

  private async drainAll(): Promise<void> {
    for (const f of SEED_FILES) await this.writers[f].drain();
  }

  // -------------------------------------------------------------------------------------------
  // Time helpers

  /** Milliseconds into a day, following people's activity by hour. */
  private timeOfDay(weekend: boolean): number {
    const hour = (weekend ? this.weekendHourTable : this.weekdayHourTable).sampleIndex(this.rng);
    return hour * HOUR + Math.floor(this.rng.next() * HOUR);
  }

  /** Leads per day: weekly and yearly seasonality, growth, noise; sums exactly to the size. */
  private dailyLeadCounts(): number[] {
    const firstDay = Math.floor(this.windowStart / DAY);
    const lastDay = Math.floor((this.now - 1) / DAY);
    const n = lastDay - firstDay + 1;
    const weights: number[] = [];
    let total = 0;
    for (let d = 0; d < n; d++) {
      const ms = (firstDay + d) * DAY;
      const month = new Date(ms).getUTCMonth();
      const w =
        WEEKDAY_VOLUME[weekday(ms)]! * MONTH_VOLUME[month]! * (1 + LEAD_GROWTH * (d / n)) * this.rng.range(0.8, 1.2);
      weights.push(w);
      total += w;
    }
    const counts: number[] = [];
    let cum = 0;
    let prev = 0;
    for (const w of weights) {
      cum += w;
      const upTo = Math.min(this.size.leads, Math.floor((this.size.leads * cum) / total + 1e-9));
      counts.push(upTo - prev);
      prev = upTo;
    }
    counts[counts.length - 1]! += this.size.leads - prev;
    return counts;
  }

  /** Moves a time outside business hours to within the next business day (mostly). */
  private workTime(t: number, offHoursChance = 0.06): number {
    if (isBusinessTime(t) || this.rng.chance(offHoursChance)) return t;
    return addBusinessHours(t, this.rng.range(0, 1.5));
  }

  // -------------------------------------------------------------------------------------------
  // Campaigns

  private buildCampaigns(): void {
    const rng = this.rng;
    const ws = this.windowStart;
    const list: Omit<Campaign, "id" | "cost">[] = [];
    const monthly: number[] = [];
    const alwaysOn = (name: string, channel: Channel, startMonths: number, perMonth: [number, number]) => {
      list.push({ name, channel, start: addMonthsUtc(ws, startMonths), end: null });
      monthly.push(rng.range(perMonth[0], perMonth[1]));
    };
    alwaysOn("Google Ads · Alignboard", "paid_search", -6, [6_000, 11_000]);
    alwaysOn("Google Ads · RevOps", "paid_search", 3, [3_000, 6_000]);
    alwaysOn("LinkedIn Lead Gen Forms", "paid_social", -3, [4_000, 8_000]);
    alwaysOn("Meta Retargeting", "paid_social", 8, [1_500, 3_500]);
    alwaysOn("Alignboard Newsletter", "email", -12, [400, 900]);
    alwaysOn("HubSpot Nurturing", "email", -2, [600, 1_400]);
    alwaysOn("G2 + Capterra", "content", -4, [2_000, 4_500]);
    alwaysOn("Alignboard Playbooks", "content", 5, [800, 2_000]);
    alwaysOn("Partner Program", "partner", -6, [1_000, 2_500]);

    const fixed = new Map<number, number>();
    const dated = (name: string, channel: Channel, start: number, end: number, cost: [number, number]) => {
      if (start >= this.now) return;
      list.push({ name, channel, start, end });
      monthly.push(-1);
      fixed.set(list.length - 1, rng.range(cost[0], cost[1]));
    };
    // Quarterly webinar series.
    const firstQuarter = Date.UTC(new Date(ws).getUTCFullYear(), Math.floor(new Date(ws).getUTCMonth() / 3) * 3, 1);
    for (let q = firstQuarter; q < this.now; q = addMonthsUtc(q, 3)) {
      const d = new Date(q);
      const label = `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
      dated(`Webinars ${label}`, "webinar", q, addMonthsUtc(q, 3) - DAY, [4_000, 12_000]);
    }
    // Yearly events (lead capture window around the event) and seasonal promotions. Campaign
    // names are brand and product names, readable in any of the app's languages.
    const firstYear = new Date(ws).getUTCFullYear();
    const lastYear = new Date(this.now).getUTCFullYear();
    for (let y = firstYear; y <= lastYear; y++) {
      const ev = (name: string, month: number, day: number, cost: [number, number]) => {
        const at = Date.UTC(y, month, day);
        if (at + 30 * DAY < ws) return;
        dated(name, "events", at - 21 * DAY, at + 30 * DAY, cost);
      };
      ev(`RevOps Summit ${y}`, 3, 15, [40_000, 90_000]);
      ev(`Alignboard Connect ${y}`, 5, 10, [15_000, 35_000]);
      ev(`Growth Expo ${y}`, 9, 20, [25_000, 60_000]);
      const promo = (name: string, channel: Channel, month: number, len: number, cost: [number, number]) => {
        const at = Date.UTC(y, month, 1);
        if (addMonthsUtc(at, len) < ws) return;
        dated(name, channel, at, addMonthsUtc(at, len) - DAY, cost);
      };
      promo(`Alignboard ${y}.1`, "email", 2, 2, [1_500, 4_000]);
      promo(`LinkedIn Q3–Q4 ${y}`, "paid_social", 8, 3, [12_000, 30_000]);
    }

    this.campaigns = list.map((c, i) => {
      const m = monthly[i]!;
      let cost: number;
      if (m >= 0) {
        const months = Math.max(1, (this.now - Math.max(c.start, ws - 365 * DAY)) / (30.4 * DAY));
        cost = m * months;
      } else {
        cost = fixed.get(i) ?? 0;
      }
      return { ...c, id: `C${pad(i + 1, 3)}`, cost: Math.round(cost * 100) / 100 };
    });
    for (const c of this.campaigns) {
      this.writers.campaigns.write(
        `${c.id},${csvField(c.name)},${c.channel},${isoDate(c.start)},${c.end === null ? "" : isoDate(c.end)},${money(c.cost)}`,
      );
    }
    // Active campaigns per day and channel, from 120 days before the window to now.
    const lastDay = Math.floor(this.now / DAY);
    for (let day = this.activeStartDay; day <= lastDay; day++) {
      const ms = day * DAY;
      const perChannel: number[][] = CHANNELS.map(() => []);
      this.campaigns.forEach((c, idx) => {
        if (c.start <= ms && (c.end === null || c.end >= ms)) perChannel[CHANNELS.indexOf(c.channel)]!.push(idx);
      });
      this.activeByDay.push(perChannel);
    }
  }

  /** A campaign of the channel active at t, or -1. Dated campaigns are preferred. */
  private campaignFor(channelIndex: number, t: number): number {
    const day = Math.floor(t / DAY) - this.activeStartDay;
    const active = this.activeByDay[day]?.[channelIndex];
    if (!active || active.length === 0) return -1;
    return active[Math.floor(this.rng.next() * active.length)]!;
  }

  // -------------------------------------------------------------------------------------------
  // Accounts

  private buildAccounts(): void {
    const rng = this.rng;
    const n = this.size.accounts;
    const industryTable = weighted(INDUSTRY_WEIGHTS);
    const regionTable = weighted(REGION_WEIGHTS);
    const segmentTable = new WeightedTable([0, 1, 2], SEGMENT_WEIGHTS);
    const used = new Set<string>();
    const weights: number[] = [];
    this.accountSegment = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const industry = industryTable.sample(rng);
      let name = "";
      for (let attempt = 0; attempt < 40 && (name === "" || used.has(name)); attempt++) {
        const stem = rng.pick(ACCOUNT_PREFIXES) + rng.pick(ACCOUNT_CORES);
        const middle = rng.chance(attempt > 5 ? 0.6 : 0.25) ? ` ${rng.pick(ACCOUNT_MIDDLES)}` : "";
        name = `${stem}${middle} ${rng.pick(INDUSTRIES[industry])}`;
      }
      if (used.has(name)) name = `${name} ${i + 1}`;
      used.add(name);
      const segment = segmentTable.sample(rng);
      this.accountNames.push(name);
      this.accountDomains.push(`${domainSlug(name)}.example`);
      this.accountIndustry.push(industry);
      this.accountRegion.push(regionTable.sample(rng));
      this.accountSegment[i] = segment;
      weights.push(SEGMENT_LEAD_WEIGHT[segment]! * rng.logNormal(1, 0.7));
    }
    this.accountTable = new WeightedTable(
      weights.map((_, i) => i),
      weights,
    );
    this.firstWon = new Float64Array(n).fill(Number.NaN);
    this.lastWon = new Float64Array(n).fill(Number.NaN);
    this.leadCounter = new Int32Array(n);
    this.nameOffset = new Int32Array(n);
    this.nameStride = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.nameOffset[i] = Math.floor(rng.next() * this.nameCombos);
      let stride = 1 + Math.floor(rng.next() * (this.nameCombos - 1));
      while (gcd(stride, this.nameCombos) !== 1) stride++;
      this.nameStride[i] = stride;
    }
    this.recentLeads = new Int32Array(n * 3).fill(-1);
    this.recentPos = new Uint8Array(n);
  }

  private writeAccounts(): void {
    const rng = this.rng;
    for (let i = 0; i < this.size.accounts; i++) {
      const seg = this.accountSegment[i]!;
      let since = "";
      let churned = "";
      const first = this.firstWon[i]!;
      if (!Number.isNaN(first)) {
        since = isoDate(first);
        if (rng.chance(SEGMENT_CHURN[seg]!)) {
          const at = this.lastWon[i]! + rng.range(45, 540) * DAY;
          if (at < this.now) churned = isoDate(at);
        }
      }
      this.writers.accounts.write(
        `A${pad(i + 1, 6)},${csvField(this.accountNames[i]!)},${this.accountIndustry[i]},${SEGMENTS[seg]},${this.accountRegion[i]},${since},${churned}`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Content assets: a power law of usage, some never used, some archived

  private buildAssets(): void {
    const rng = this.rng;
    const n = this.size.assets;
    const types = Object.keys(TITLE_TEMPLATES);
    const stageByType: Record<string, readonly ("tofu" | "mofu" | "bofu")[]> = {
      case_study: ["bofu", "bofu", "mofu"],
      whitepaper: ["tofu", "mofu", "mofu"],
      deck: ["mofu", "bofu", "bofu"],
      one_pager: ["mofu", "bofu"],
      video: ["tofu", "mofu", "bofu"],
      blog_post: ["tofu", "tofu", "tofu", "mofu"],
      email_template: ["mofu", "bofu", "tofu"],
      other: ["mofu", "bofu"],
    };
    const typeTable = new WeightedTable(types, [14, 10, 12, 12, 12, 22, 12, 6]);
    const libraryStart = addMonthsUtc(this.windowStart, -12);
    const span = this.now - 7 * DAY - libraryStart;
    const titles = new Set<string>();
    const ranks = rng.shuffle(Array.from({ length: n }, (_, i) => i + 1));
    const weights: number[] = [];
    for (let i = 0; i < n; i++) {
      const type = i < types.length ? types[i]! : typeTable.sample(rng);
      const template = rng.pick(TITLE_TEMPLATES[type]!);
      const topic = rng.pick(CONTENT_TOPICS);
      let title = template
        .replace("{company}", this.accountNames[Math.floor(rng.next() * this.accountNames.length)]!.split(" ")[0]!)
        .replace("{topic}", template.startsWith("{topic}") ? topic[0]!.toUpperCase() + topic.slice(1) : topic)
        .replace("{pct}", String(rng.int(15, 60)))
        .replace("{year}", String(new Date(this.now).getUTCFullYear() - rng.int(0, 2)))
        .replace("{industry}", rng.pick(Object.keys(INDUSTRIES)).replace(/_/g, " "))
        .replace("{n}", String(rng.int(3, 9)));
      title = title[0]!.toUpperCase() + title.slice(1);
      for (let v = 2; titles.has(title); v++) title = title.replace(/ \(v\d+\)$/, "") + ` (v${v})`;
      titles.add(title);
      const published = this.workTime(sec(libraryStart + rng.next() * span), 0);
      let archived = Number.NaN;
      if (rng.chance(0.16)) {
        const at = sec(published + rng.range(60, 600) * DAY);
        if (at < this.now) archived = at;
      }
      const id = `CA${pad(i + 1, 4)}`;
      this.assets.push({ id, published, archived });
      const owner = rng.pick(this.marketers);
      this.writers.content_assets.write(
        `${id},${csvField(title)},${type},${rng.pick(stageByType[type]!)},${owner.email},${isoSeconds(published)},${Number.isNaN(archived) ? "" : isoSeconds(archived)},https://content.alignboard.example/${id.toLowerCase()}`,
      );
      // Power law by a random rank; a fifth of the library is shelfware almost nobody opens.
      const shelfware = rng.chance(0.2) ? 0.01 : 1;
      weights.push(Math.pow(ranks[i]!, -1.3) * shelfware);
    }
    this.assetTable = new WeightedTable(
      weights.map((_, i) => i),
      weights,
    );
  }

  /** A power-law-chosen asset that is published (and usually not archived) at t, or -1. */
  private assetAt(t: number): number {
    for (let attempt = 0; attempt < 8; attempt++) {
      const idx = this.assetTable.sampleIndex(this.rng);
      const a = this.assets[idx]!;
      if (a.published > t) continue;
      if (!Number.isNaN(a.archived) && a.archived < t && !this.rng.chance(0.05)) continue;
      return idx;
    }
    return -1;
  }

  private usage(t: number, action: string, userEmail: string, dealId: string, leadId: string): void {
    if (t > this.now) return;
    const asset = this.assetAt(t);
    if (asset < 0) return;
    this.writers.content_usage.write(
      `U${pad(++this.usageSeq, 8)},${this.assets[asset]!.id},${isoSeconds(t)},${action},${userEmail},${dealId},${leadId}`,
    );
  }

  /** Browsing the library without a deal or lead: mostly views and downloads. */
  private untiedUsage(dayStart: number, weekend: boolean): void {
    const mean = (1.6 * this.size.leads) / 2000 / (weekend ? 6 : 1);
    const n = this.rng.poisson(mean);
    for (let i = 0; i < n; i++) {
      const t = sec(dayStart + this.timeOfDay(weekend));
      const who = this.rng.chance(0.9) ? this.rng.pick(this.salesPeople) : this.rng.pick(this.marketers);
      this.usage(t, this.usageActionTable.sample(this.rng), who.email, "", "");
    }
  }

  // -------------------------------------------------------------------------------------------
  // Leads and everything hanging on them

  private activity(leadId: string, t: number, type: string, repEmail: string): void {
    if (t > this.now) return;
    this.writers.sales_activities.write(`SA${pad(++this.activitySeq, 8)},${leadId},${isoSeconds(t)},${type},${repEmail}`);
  }

  private lead(createdIn: number): void {
    const rng = this.rng;
    const id = `L${pad(++this.leadSeq, 7)}`;
    const channel = this.sourceTable.sample(rng);
    const channelIndex = CHANNELS.indexOf(channel);
    const outbound = channel === "outbound";
    let created = createdIn;
    if (outbound && !isBusinessTime(created)) {
      const moved = sec(addBusinessHours(created, rng.range(0, 2)));
      if (moved < this.now) created = moved;
    }

    // Who
    let account = rng.chance(0.92) ? this.accountTable.sampleIndex(rng) : -1;
    // Outbound reps prospect bigger companies: small-business picks are re-drawn (up to three times).
    for (let tries = 0; outbound && account >= 0 && this.accountSegment[account] === 0 && tries < 3; tries++) {
      account = this.accountTable.sampleIndex(rng);
    }
    let first: string;
    let last: string;
    let email: string;
    if (account >= 0) {
      const k = this.leadCounter[account]!++;
      const combo = (this.nameOffset[account]! + ((k * this.nameStride[account]!) % this.nameCombos)) % this.nameCombos;
      const fi = combo % FIRST_NAMES.length;
      const li = Math.floor(combo / FIRST_NAMES.length);
      first = FIRST_NAMES[fi]!;
      last = LAST_NAMES[li]!;
      const extra = k >= this.nameCombos ? String(Math.floor(k / this.nameCombos) + 1) : "";
      email = `${this.firstSlugs[fi]}.${this.lastSlugs[li]}${extra}@${this.accountDomains[account]}`;
    } else {
      const fi = Math.floor(rng.next() * FIRST_NAMES.length);
      const li = Math.floor(rng.next() * LAST_NAMES.length);
      first = FIRST_NAMES[fi]!;
      last = LAST_NAMES[li]!;
      email = `${this.firstSlugs[fi]}.${this.lastSlugs[li]}.${this.leadSeq}@inbox.example`;
    }
    const campaign = CAMPAIGN_CHANNELS.has(channel) && rng.chance(0.9) ? this.campaignFor(channelIndex, created) : -1;

    // MQL
    let mql = Number.NaN;
    if (!outbound && rng.chance(MQL_RATE[channel])) {
      let t: number;
      if (rng.chance(0.35)) {
        t = created + rng.range(1, 30) * MINUTE; // hand-raiser: demo request, contact form
      } else {
        let day = startOfDay(created) + (1 + Math.floor(rng.exponential(6))) * DAY;
        if (isWeekend(day) && rng.chance(0.6)) day += (weekday(day) === 6 ? 2 : 1) * DAY;
        t = day + this.timeOfDay(isWeekend(day));
      }
      t = sec(t);
      if (t <= created) t = created + MINUTE;
      if (t <= this.now) mql = t;
    }
    const isMql = !Number.isNaN(mql);

    // Owner
    const hasOwner = outbound || rng.chance(isMql ? 0.985 : 0.96);
    const ownerIdx = hasOwner ? this.ownerTable.sample(rng) : -1;
    const ownerEmail = ownerIdx >= 0 ? this.owners[ownerIdx]!.email : "";
    const otherRep = () => (rng.chance(0.85) && ownerEmail !== "" ? ownerEmail : rng.pick(this.owners).email);

    // Sales response and outcome
    let sql = Number.NaN;
    let rejected = Number.NaN;
    let rejectionReason = "";
    let firstResponse = Number.NaN;
    if (isMql) {
      const fast = ownerIdx >= 0 ? this.ownerFastShare[ownerIdx]! : 0.3;
      const u = rng.next();
      let never = false;
      let respondAt: number;
      if (u < fast) {
        respondAt = rng.chance(0.08)
          ? mql + rng.exponential(40) * MINUTE + MINUTE // answered right away, even off hours
          : addBusinessHours(mql, Math.min(3.9, rng.exponential(1.1) + 0.05));
      } else {
        const v = rng.next();
        if (v < 0.2) respondAt = addBusinessHours(mql, rng.range(3, 6)); // around the deadline
        else if (v < 0.55) respondAt = addBusinessHours(mql, rng.range(4.5, 16)); // slow
        else if (v < 0.75) respondAt = addBusinessHours(mql, rng.range(16, 60)); // very slow
        else {
          never = true;
          respondAt = Number.NaN;
        }
      }
      if (!never) {
        respondAt = sec(respondAt);
        if (respondAt <= this.now) {
          firstResponse = respondAt;
          this.activity(id, respondAt, this.activityTypeTable.sample(rng), otherRep());
          const followUps = rng.poisson(1.1);
          let t = respondAt;
          for (let i = 0; i < followUps; i++) {
            t = sec(addBusinessHours(t, rng.exponential(12) + 1));
            this.activity(id, t, this.activityTypeTable.sample(rng), otherRep());
          }
        }
      }
      // Outcome: accepted (SQL), rejected, or still being worked.
      const base = !Number.isNaN(firstResponse)
        ? firstResponse
        : never && rng.chance(0.5)
          ? mql + rng.range(3, 20) * DAY
          : Number.NaN;
      if (!Number.isNaN(base)) {
        const o = rng.next();
        const at = sec(addBusinessHours(base, rng.exponential(14) + 0.25));
        if (at <= this.now) {
          if (o < SQL_RATE[channel]) sql = at;
          else if (o < SQL_RATE[channel] + REJECT_RATE[channel]) {
            rejected = at;
            rejectionReason = this.rejectionTable.sample(rng);
          }
        }
      }
    } else if (outbound) {
      // Sales-sourced: the rep's own first call / e-mail creates the lead.
      firstResponse = created;
      this.activity(id, created, rng.chance(0.6) ? "call" : "email", ownerEmail);
      const followUps = rng.poisson(1.6);
      let t = created;
      for (let i = 0; i < followUps; i++) {
        t = sec(addBusinessHours(t, rng.exponential(16) + 2));
        this.activity(id, t, this.activityTypeTable.sample(rng), ownerEmail);
      }
      if (rng.chance(OUTBOUND_SQL_RATE)) {
        const at = sec(addBusinessHours(created, rng.range(8, 120)));
        if (at <= this.now) sql = at;
      }
    }

    // Deal
    let customerAt = Number.NaN;
    let dealId = "";
    let dealEnd = Number.NaN;
    if (!Number.isNaN(sql) && rng.chance(0.8)) {
      const dealCreated = sec(addBusinessHours(sql, rng.range(0.5, 30)));
      if (dealCreated <= this.now) {
        dealId = `D${pad(++this.dealSeq, 6)}`;
        const seg = account >= 0 ? this.accountSegment[account]! : 0;
        let cycle = rng.logNormal(SEGMENT_CYCLE_MEDIAN_DAYS[seg]!, 0.45);
        const won = this.winDraw(dealCreated + Math.floor(cycle) * DAY, SEGMENT_WIN[seg]! * WIN_FACTOR[channel]);
        if (!won) cycle *= rng.range(0.4, 1.2);
        let close = sec(addBusinessHours(dealCreated + Math.floor(cycle) * DAY, rng.range(0, 8)));
        if (close < dealCreated) close = dealCreated;
        close = this.seasonalClose(close, dealCreated, won);
        const amountSpec = SEGMENT_AMOUNT[seg]!;
        let amount = Math.min(amountSpec.max, Math.max(amountSpec.min, rng.logNormal(amountSpec.median, 0.35)));
        amount = Math.round(amount / 50) * 50;
        if (rng.chance(0.25)) amount = Math.max(amountSpec.min, Math.round(amount * rng.range(0.85, 0.97) * 100) / 100);
        if (won && seg === 2 && rng.chance(BIG_DEAL_CHANCE)) amount = Math.round(rng.range(...BIG_DEAL_AMOUNT) / 1000) * 1000;
        const expansion = account >= 0 && !Number.isNaN(this.firstWon[account]!) && this.firstWon[account]! < dealCreated;
        const name =
          account >= 0
            ? `${this.accountNames[account]} - ${rng.pick(expansion ? PRODUCTS_EXPANSION : PRODUCTS_NEW)}`
            : `${first} ${last} - Solo plan`;
        let stage: string;
        let closedAt = "";
        let expectedClose = "";
        let lostReason = "";
        if (close > this.now) {
          const progress = (this.now - dealCreated) / (close - dealCreated);
          stage =
            progress < 0.25 ? "qualification" : progress < 0.5 ? "discovery" : progress < 0.8 ? "proposal" : "negotiation";
          dealEnd = this.now;
          // The rep's expected close date (a CRM's "Close Date" of an open deal): the real close, moved
          // 0–59 days earlier, a hash of the deal's creation second (no draw, so the rest of the data
          // stays the same): optimistic forecasts, some of them already past (overdue).
          const slip = ((Math.imul(Math.floor(dealCreated / SECOND), 0x9e3779b1) >>> 0) % 60) * DAY;
          expectedClose = isoSeconds(Math.max(dealCreated, close - slip)).slice(0, 10);
        } else {
          stage = won ? "closed_won" : "closed_lost";
          closedAt = isoSeconds(close);
          dealEnd = close;
          if (won) {
            customerAt = close;
            if (account >= 0) {
              if (Number.isNaN(this.firstWon[account]!) || close < this.firstWon[account]!) this.firstWon[account] = close;
              if (Number.isNaN(this.lastWon[account]!) || close > this.lastWon[account]!) this.lastWon[account] = close;
            }
          } else lostReason = this.lostReasonTable.sample(rng);
        }
        this.writers.deals.write(
          `${dealId},${csvField(name)},${account >= 0 ? `A${pad(account + 1, 6)}` : ""},${id},${ownerEmail},${money(amount)},${rng.chance(0.92) ? "USD" : ""},${isoSeconds(dealCreated)},${stage},${closedAt},${expectedClose},${csvField(lostReason)}`,
        );
        // Buying committee: other people of the same account.
        if (account >= 0 && rng.chance(0.4)) {
          const want = rng.chance(0.3) ? 2 : 1;
          let added = 0;
          for (let s = 0; s < 3 && added < want; s++) {
            const other = this.recentLeads[account * 3 + ((this.recentPos[account]! - s + 3) % 3)]!;
            if (other < 0) continue;
            this.writers.deal_contacts.write(`${dealId},L${pad(other, 7)}`);
            added++;
          }
        }
        // Working the deal.
        const span = Math.max(0, dealEnd - dealCreated);
        const nActs = 1 + rng.poisson(won ? 4 : 2.5);
        for (let i = 0; i < nActs; i++) {
          const t = sec(this.workTime(dealCreated + rng.next() * span));
          if (t <= dealEnd) this.activity(id, t, this.dealActivityTable.sample(rng), otherRep());
        }
        // Content sent, shared and presented during the deal.
        const nUse = rng.poisson(won ? 3.2 : 1.8);
        for (let i = 0; i < nUse; i++) {
          const t = sec(this.workTime(dealCreated + rng.next() * span, 0.1));
          if (t > dealEnd) continue;
          this.usage(t, this.dealUsageActionTable.sample(rng), otherRep(), dealId, rng.chance(0.4) ? id : "");
        }
      }
    }

    // A nurture e-mail template or one-pager sent to an MQL.
    if (!Number.isNaN(firstResponse) && isMql && rng.chance(0.25)) {
      const t = sec(addBusinessHours(firstResponse, rng.range(0, 16)));
      this.usage(t, rng.chance(0.6) ? "sent" : "shared", otherRep(), "", id);
    }

    this.writers.leads.write(
      `${id},${email},${csvField(first)},${csvField(last)},${account >= 0 ? `A${pad(account + 1, 6)}` : ""},${isoSeconds(created)},${channel},${campaign >= 0 ? this.campaigns[campaign]!.id : ""},${ownerEmail},${isMql ? isoSeconds(mql) : ""},${Number.isNaN(sql) ? "" : isoSeconds(sql)},${Number.isNaN(rejected) ? "" : isoSeconds(rejected)},${csvField(rejectionReason)},${Number.isNaN(customerAt) ? "" : isoSeconds(customerAt)}`,
    );

    this.touchpoints(id, created, channelIndex, campaign, outbound, isMql, dealId !== "", mql, dealEnd);

    if (account >= 0) {
      const pos = (this.recentPos[account]! + 1) % 3;
      this.recentPos[account] = pos;
      this.recentLeads[account * 3 + pos] = this.leadSeq;
    }
  }

  /**
   * Whether a deal closing around `close` is won, with probability `p`: systematic sampling per
   * close month (each month's chances add up, a win whenever they pass a whole number, from a
   * random start), so every month gets about its expected wins — never none at the small scale,
   * where independent draws leave some months empty — with the same win rate overall.
   */
  private winDraw(close: number, p: number): boolean {
    const d = new Date(close);
    const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    let credit = (this.winCredit.get(month) ?? this.rng.next()) + p;
    const won = credit >= 1;
    if (won) credit -= 1;
    this.winCredit.set(month, credit);
    return won;
  }

  /**
   * Moves a deal's close date by the sales calendar: an August close slips two to five weeks
   * (holidays), and a won deal due in January is often pulled into December (the Q4 push).
   */
  private seasonalClose(close: number, created: number, won: boolean): number {
    const d = new Date(close);
    const month = d.getUTCMonth();
    if (month === 7 && this.rng.chance(AUGUST_SLIP_CHANCE)) {
      return sec(this.workTime(close + Math.floor(this.rng.range(14, 35)) * DAY, 0));
    }
    if (won && month === 0 && this.rng.chance(Q4_PULL_CHANCE)) {
      const pulled = sec(this.workTime(Date.UTC(d.getUTCFullYear() - 1, 11, this.rng.int(8, 23), 10), 0));
      if (pulled > created) return pulled;
    }
    return close;
  }

  private touchpoints(
    leadId: string,
    created: number,
    channelIndex: number,
    campaign: number,
    outbound: boolean,
    isMql: boolean,
    hasDeal: boolean,
    mql: number,
    dealEnd: number,
  ): void {
    const rng = this.rng;
    const cap = 10;
    const n = Math.min(cap, 1 + rng.poisson(hasDeal ? 6.5 : isMql ? 4.5 : 2.4));
    const times = this.tTimes;
    const channels = this.tChannels;
    const camps = this.tCampaign;
    // The creating touch.
    times[0] = created;
    channels[0] = channelIndex;
    camps[0] = campaign;
    let k = 1;
    // Some sales-sourced leads (outbound, partner) only ever meet sales: no marketing touches.
    const sourceChannel = CHANNELS[channelIndex]!;
    const salesOnly =
      (sourceChannel === "outbound" || sourceChannel === "partner") && rng.chance(SALES_ONLY_TOUCH_CHANCE);
    // Anonymous research before the form fill.
    if (n > 1 && !outbound && !salesOnly && rng.chance(0.14)) {
      const early = rng.chance(0.7) ? 1 : 2;
      for (let i = 0; i < early && k < n; i++, k++) {
        times[k] = sec(created - rng.range(1 * HOUR, 30 * DAY));
        const ch = CHANNELS.indexOf(this.earlyTouchTable.sample(rng));
        channels[k] = ch;
        camps[k] = this.touchCampaign(ch, times[k]!);
      }
    }
    // Nurture, research and sales touches afterwards.
    const horizon = Math.min(
      this.now,
      Math.max(created + 60 * DAY, Number.isNaN(dealEnd) ? (Number.isNaN(mql) ? 0 : mql + 45 * DAY) : dealEnd + 10 * DAY),
    );
    for (; k < n; k++) {
      times[k] = sec(created + MINUTE + rng.next() * Math.max(0, horizon - created - MINUTE));
      const ch = salesOnly ? channelIndex : CHANNELS.indexOf(this.laterTouchTable.sample(rng));
      channels[k] = ch;
      camps[k] = this.touchCampaign(ch, times[k]!);
    }
    // Write in time order (insertion sort of ≤ 10).
    const order = this.tOrder;
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && times[order[j - 1]!]! > times[i]!) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
    for (let i = 0; i < n; i++) {
      const idx = order[i]!;
      const t = times[idx]!;
      if (t > this.now) continue;
      const channel = CHANNELS[channels[idx]!]!;
      const type = idx === 0 ? (outbound ? "call" : "form_fill") : rng.pick(TOUCH_TYPES[channel]);
      const c = camps[idx]!;
      this.writers.touchpoints.write(
        `T${pad(++this.touchSeq, 8)},${leadId},${isoSeconds(t)},${channel},${c >= 0 ? this.campaigns[c]!.id : ""},${type}`,
      );
    }
  }

  private touchCampaign(channelIndex: number, t: number): number {
    const channel = CHANNELS[channelIndex]!;
    return CAMPAIGN_CHANNELS.has(channel) && this.rng.chance(0.8) ? this.campaignFor(channelIndex, t) : -1;
  }
}
