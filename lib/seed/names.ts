/**
 * Word lists for believable demo data. All invented; domains use the reserved `.example` TLD.
 */

export const FIRST_NAMES = [
  "Ana", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gia", "Hal", "Ida", "Jon", "Kai", "Lena", "Mark", "Nina",
  "Oscar", "Paula", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zoe",
  "Adam", "Bianca", "Carlos", "Diana", "Elias", "Fatima", "George", "Helen", "Ivan", "Julia", "Karim",
  "Laura", "Miguel", "Nora", "Olivia", "Pedro", "Rachel", "Stefan", "Tomás", "Ursula", "Vera", "Will",
  "Amir", "Beatriz", "Chen", "Daria", "Emeka", "Freya", "Gustavo", "Hana", "Isaac", "Jasmine", "Kenji",
  "Lucia", "Mateo", "Noor", "Owen", "Priya", "Raj", "Sara", "Theo", "Valentina", "Wei", "Yusuf",
  "Aisha", "Bruno", "Camille", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jakob", "Kira",
  "Leo", "Maya", "Nils", "Ola", "Pablo", "Renee", "Simon", "Tess", "Ulrich", "Vivian", "Zane",
  "Alice", "Brian", "Chloé", "Derek", "Emma", "Frank", "Gemma", "Henry",
] as const;

export const LAST_NAMES = [
  "Berg", "Carter", "Diaz", "Evans", "Fox", "Gold", "Hart", "Ives", "Jones", "Kim", "Lund", "Meyer",
  "Nakamura", "Olsen", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Walsh", "Xu",
  "Young", "Zimmer", "Andersen", "Brooks", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Hughes",
  "Ibrahim", "Jensen", "Kowalski", "López", "Murphy", "Novak", "O'Brien", "Petrov", "Ramos", "Silva",
  "Torres", "Usman", "Vogel", "Wagner", "Yilmaz", "Zhang", "Abbott", "Baker", "Chowdhury", "Dalton",
  "Ekström", "Ferreira", "Gupta", "Hoffmann", "Ito", "Jovanović", "Keller", "Larsen", "Moreau",
  "Nguyen", "Okafor", "Park", "Reyes", "Santos", "Thompson", "Ulloa", "Vance", "Weber", "Yamada",
  "Zapata", "Alvarez", "Bauer", "Chen", "Dimitrov", "Edwards", "Fontaine", "Grant", "Holm", "Iyer",
  "Jaramillo", "Khan", "Lindqvist", "Mendes", "Nowak", "Ortiz", "Popescu", "Rahman", "Sato", "Turner",
  "Van Dijk", "Whitaker", "Ali", "Becker", "Cruz", "Dahl", "Esposito", "Fleming", "Gomez", "Haddad",
] as const;

export const ACCOUNT_PREFIXES = [
  "North", "South", "East", "West", "Blue", "Red", "Green", "Silver", "Golden", "Iron", "Cedar", "Maple",
  "Oak", "Pine", "Stone", "River", "Lake", "Sun", "Moon", "Star", "Bright", "Clear", "Swift", "True",
  "High", "Deep", "Wild", "Bold", "Quiet", "Rapid", "Crystal", "Summit", "Harbor", "Falcon", "Eagle",
  "Fox", "Wolf", "Bear", "Lion", "Tiger", "Nova", "Astra", "Terra", "Aqua", "Vertex", "Apex", "Prime",
  "Zen", "Echo", "Polar", "Coral", "Amber", "Jade", "Onyx", "Ruby", "Cobalt", "Copper", "Granite", "Willow", "Aspen",
] as const;

export const ACCOUNT_CORES = [
  "wind", "field", "bridge", "gate", "point", "ridge", "brook", "wood", "stone", "light", "wave", "path",
  "peak", "line", "works", "forge", "mark", "core", "vale", "crest", "port", "haven", "spring", "rock",
  "view", "land", "water", "sky", "fire", "leaf", "bay", "hill", "star", "grid", "loop", "shift", "scale",
  "stream", "craft", "wise", "tech", "logic", "sphere", "flow", "beam", "nest", "tree", "field", "mont", "dale",
] as const;

export const ACCOUNT_MIDDLES = ["Global", "United", "Digital", "Pacific", "Atlantic", "National", "Metro", "First"] as const;

export const INDUSTRIES = {
  software: ["Software", "Labs", "Systems", "Cloud"],
  financial_services: ["Bank", "Capital", "Financial", "Insurance"],
  healthcare: ["Health", "Clinics", "Medical", "Care"],
  manufacturing: ["Industries", "Manufacturing", "Components", "Machines"],
  retail: ["Retail", "Stores", "Outfitters", "Market"],
  logistics: ["Logistics", "Freight", "Shipping", "Transport"],
  education: ["Learning", "Academy", "Education", "Institute"],
  media: ["Media", "Studios", "Publishing", "Broadcasting"],
  telecom: ["Telecom", "Networks", "Communications", "Mobile"],
  energy: ["Energy", "Power", "Renewables", "Utilities"],
  professional_services: ["Consulting", "Partners", "Advisors", "Group"],
  hospitality: ["Hotels", "Resorts", "Hospitality", "Travel"],
} as const;
export type Industry = keyof typeof INDUSTRIES;

export const INDUSTRY_WEIGHTS: Record<Industry, number> = {
  software: 18,
  financial_services: 11,
  healthcare: 10,
  manufacturing: 12,
  retail: 10,
  logistics: 7,
  education: 5,
  media: 5,
  telecom: 5,
  energy: 5,
  professional_services: 8,
  hospitality: 4,
};

export const REGION_WEIGHTS = { north_america: 45, emea: 32, apac: 15, latam: 8 } as const;

export const PRODUCTS_NEW = ["Platform", "Starter", "Growth plan", "Enterprise suite", "Pilot", "Analytics"] as const;
export const PRODUCTS_EXPANSION = ["Expansion", "Add-on seats", "Analytics add-on", "Upgrade", "Renewal uplift"] as const;

export const LOST_REASONS = {
  "chose competitor": 26,
  "no decision": 22,
  price: 16,
  "no budget": 14,
  timing: 10,
  "missing feature": 8,
  "went dark": 4,
} as const;

export const REJECTION_REASONS = {
  "not a fit": 28,
  "no budget": 16,
  "too small": 14,
  "student or job seeker": 10,
  "bad contact data": 10,
  "no authority": 9,
  competitor: 6,
  duplicate: 7,
} as const;

/** Topics and templates for content asset titles (some with commas and quotes on purpose:
 * they exercise the CSV quoting). */
export const CONTENT_TOPICS = [
  "revenue alignment", "pipeline reviews", "lead scoring", "attribution", "sales and marketing SLAs",
  "forecasting", "account-based marketing", "customer retention", "win-loss analysis", "content ROI",
  "territory planning", "demand generation", "RevOps", "onboarding", "pricing", "security and compliance",
  "data quality", "quarterly business reviews", "partner selling", "buyer enablement",
] as const;

export const TITLE_TEMPLATES: Record<string, readonly string[]> = {
  case_study: [
    "How {company} grew pipeline by {pct}%",
    "{company}: {topic} in practice",
    "Customer story: {company}",
    "{company} cut reporting time by {pct}%",
  ],
  whitepaper: [
    "The state of {topic} {year}",
    "A practical guide to {topic}",
    "Sales, marketing and the single source of truth",
    "{topic}: benchmarks, pitfalls and a checklist",
  ],
  deck: ["Product overview deck", "{topic} pitch deck", "Executive briefing: {topic}", "{industry} solution deck"],
  one_pager: ["Pricing one-pager", "{industry} solution brief", "{topic} at a glance", "Security one-pager"],
  video: ["Product demo ({n} min)", "Webinar recording: {topic}", "Customer interview: {company}", "{topic} explained"],
  blog_post: [
    "{n} ways to improve {topic}",
    "Why {topic} matters more than ever",
    'The "one number" playbook for {topic}',
    "What we learned about {topic} this year",
  ],
  email_template: ["Follow-up after demo", "Webinar invitation: {topic}", "Re-engagement: {topic}", "Intro to {topic}"],
  other: ["ROI calculator", "{topic} checklist", "{topic} template", "Buyer's guide to {topic}"],
};
