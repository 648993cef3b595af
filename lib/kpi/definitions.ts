/**
 * The KPI keys of `/api/v1/kpis` and their written definitions (docs/metrics.md is generated from them),
 * in English (quoted) and Spanish, for the dashboard tooltips and the glossary.
 */
export const KPI_KEYS = [
  "revenue",
  "revenue_prev_year",
  "revenue_growth_yoy",
  "won_deals",
  "lost_deals",
  "win_rate",
  "average_deal_size",
  "sales_cycle_days_median",
  "sales_cycle_days_mean",
  "mqls",
  "sqls",
  "mql_to_sql_rate",
  "lead_rejection_rate",
  "closing_efficiency",
  "marketing_sourced_revenue",
  "marketing_sourced_share",
  "marketing_influenced_revenue",
  "open_pipeline",
  "open_deals",
  "pipeline_velocity_per_day",
  "customer_retention_rate",
  "customer_lifetime_value",
  "content_usage_rate",
  "content_unused_share",
  "content_influenced_revenue",
  "sla_compliance",
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiUnit = "money" | "count" | "ratio" | "days" | "money_per_day";

export interface KpiDefinition {
  /** The definition in English, as the specification words it (docs/metrics.md prints it). */
  en: string;
  /** A faithful Spanish translation. */
  es: string;
  unit: KpiUnit;
  /** Whether a rising value is good news (for arrows and colours). */
  higherIsBetter: boolean;
}

export const KPI_DEFINITIONS: Record<KpiKey, KpiDefinition> = {
  revenue: {
    en: "Σ amount of deals won in P.",
    es: "Σ del importe de las oportunidades ganadas en P.",
    unit: "money",
    higherIsBetter: true,
  },
  revenue_prev_year: {
    en: "Σ amount of deals won in PY (as of as_of − 1 year).",
    es: "Σ del importe de las oportunidades ganadas en PY (a fecha de as_of − 1 año).",
    unit: "money",
    higherIsBetter: true,
  },
  revenue_growth_yoy: {
    en: "(revenue − revenue_prev_year) / revenue_prev_year.",
    es: "(ingresos − ingresos del año anterior) / ingresos del año anterior.",
    unit: "ratio",
    higherIsBetter: true,
  },
  won_deals: {
    en: "count of deals won in P.",
    es: "número de oportunidades ganadas en P.",
    unit: "count",
    higherIsBetter: true,
  },
  lost_deals: {
    en: "count of deals lost in P.",
    es: "número de oportunidades perdidas en P.",
    unit: "count",
    higherIsBetter: false,
  },
  win_rate: {
    en: "won_deals / (won_deals + lost_deals).",
    es: "oportunidades ganadas / (oportunidades ganadas + oportunidades perdidas).",
    unit: "ratio",
    higherIsBetter: true,
  },
  average_deal_size: {
    en: "revenue / won_deals.",
    es: "ingresos / oportunidades ganadas.",
    unit: "money",
    higherIsBetter: true,
  },
  sales_cycle_days_median: {
    en: "median of (closed_at − created_at) in days over deals won in P.",
    es: "mediana de (closed_at − created_at) en días sobre las oportunidades ganadas en P.",
    unit: "days",
    higherIsBetter: false,
  },
  sales_cycle_days_mean: {
    en: "mean of (closed_at − created_at) in days over deals won in P.",
    es: "media de (closed_at − created_at) en días sobre las oportunidades ganadas en P.",
    unit: "days",
    higherIsBetter: false,
  },
  mqls: {
    en: "count of leads with mql_at in P.",
    es: "número de leads con mql_at en P.",
    unit: "count",
    higherIsBetter: true,
  },
  sqls: {
    en: "count of leads with sql_at in P.",
    es: "número de leads con sql_at en P.",
    unit: "count",
    higherIsBetter: true,
  },
  mql_to_sql_rate: {
    en: "of the leads with mql_at in P, the share that have sql_at (≤ as_of, any date).",
    es: "de los leads con mql_at en P, la proporción que tiene sql_at (≤ as_of, en cualquier fecha).",
    unit: "ratio",
    higherIsBetter: true,
  },
  lead_rejection_rate: {
    en: "of the leads with mql_at in P, the share that have rejected_at (≤ as_of).",
    es: "de los leads con mql_at en P, la proporción que tiene rejected_at (≤ as_of).",
    unit: "ratio",
    higherIsBetter: false,
  },
  closing_efficiency: {
    en:
      "of the leads with sql_at in P (the filters choose these leads), the share that are the primary lead " +
      "of at least one deal won by as_of (any close date; that deal is not filtered). The seed's " +
      "\"efficiency in closing deals\": how much of what sales accepted turns into customers.",
    es:
      "de los leads con sql_at en P (los filtros eligen estos leads), la proporción que es el lead principal " +
      "de al menos una oportunidad ganada a fecha de as_of (con cualquier fecha de cierre; esa oportunidad no " +
      "se filtra). La «eficiencia en el cierre de oportunidades»: cuánto de lo que ventas aceptó se convierte " +
      "en clientes.",
    unit: "ratio",
    higherIsBetter: true,
  },
  marketing_sourced_revenue: {
    en:
      "Σ amount of deals won in P whose primary lead's source_channel is a marketing channel " +
      "(every channel but outbound, partner and unknown); a deal without a primary lead has no known source " +
      "and is not marketing-sourced.",
    es:
      "Σ del importe de las oportunidades ganadas en P cuyo lead principal tiene como source_channel un canal " +
      "de marketing (todos los canales salvo outbound, partner y unknown); una oportunidad sin lead principal " +
      "no tiene origen conocido y no está originada por marketing.",
    unit: "money",
    higherIsBetter: true,
  },
  marketing_sourced_share: {
    en: "marketing_sourced_revenue / revenue.",
    es: "ingresos originados por marketing / ingresos.",
    unit: "ratio",
    higherIsBetter: true,
  },
  marketing_influenced_revenue: {
    en:
      "Σ amount of deals won in P that have at least one touchpoint on a marketing channel, on any of the " +
      "deal's contacts (primary lead and deal_contacts), with occurred_at ≤ closed_at.",
    es:
      "Σ del importe de las oportunidades ganadas en P que tienen al menos un punto de contacto en un canal " +
      "de marketing, en cualquiera de los contactos de la oportunidad (lead principal y deal_contacts), con " +
      "occurred_at ≤ closed_at.",
    unit: "money",
    higherIsBetter: true,
  },
  open_pipeline: {
    en: "Σ amount of deals open at as_of (created_at ≤ as_of, and not closed by as_of).",
    es: "Σ del importe de las oportunidades abiertas a fecha de as_of (created_at ≤ as_of y no cerradas a as_of).",
    unit: "money",
    higherIsBetter: true,
  },
  open_deals: {
    en: "count of deals open at as_of (created_at ≤ as_of, and not closed by as_of).",
    es: "número de oportunidades abiertas a fecha de as_of (created_at ≤ as_of y no cerradas a as_of).",
    unit: "count",
    higherIsBetter: true,
  },
  pipeline_velocity_per_day: {
    en:
      "open_deals × win_rate × average_deal_size / sales_cycle_days_mean, as money; null when a factor is " +
      "null or the mean cycle is 0.",
    es:
      "oportunidades abiertas × tasa de cierre × tamaño medio de oportunidad / duración media del ciclo en " +
      "días, en dinero; nulo cuando un factor es nulo o la duración media es 0.",
    unit: "money_per_day",
    higherIsBetter: true,
  },
  customer_retention_rate: {
    en:
      "retained / S, where S = accounts that were customers at the start of P (customer_since < from, and " +
      "churned_on null or ≥ from) and retained = those of S still customers at the end of P (churned_on " +
      "null or > to). This is the classic (E − N) / S with N = the new customers that are still customers " +
      "at the end.",
    es:
      "retenidas / S, donde S = cuentas que eran clientes al inicio de P (customer_since < from, y " +
      "churned_on nulo o ≥ from) y retenidas = las de S que siguen siendo clientes al final de P (churned_on " +
      "nulo o > to). Es el clásico (E − N) / S con N = los clientes nuevos que siguen siéndolo al final.",
    unit: "ratio",
    higherIsBetter: true,
  },
  customer_lifetime_value: {
    en:
      "arpa_12m × min(1 / churn_12m, 5). W = the 365 days of the organisation's calendar ending with `to`. " +
      "arpa_12m = Σ amount of deals won in W that have an account / number of distinct accounts of those " +
      "deals. churn_12m = of the accounts that were customers at the start of W (customer_since before W's " +
      "first day, and churned_on null or on/after it), the share with churned_on in W. When churn_12m is 0 " +
      "or undefined the lifetime is the 5-year cap. null when no deal with an account was won in W.",
    es:
      "arpa_12m × min(1 / churn_12m, 5). W = los 365 días del calendario de la organización que terminan en " +
      "`to`. arpa_12m = Σ del importe de las oportunidades ganadas en W que tienen cuenta / número de " +
      "cuentas distintas de esas oportunidades. churn_12m = de las cuentas que eran clientes al inicio de W " +
      "(customer_since anterior al primer día de W, y churned_on nulo o en ese día o después), la proporción " +
      "con churned_on en W. Cuando churn_12m es 0 o no está definido, la vida del cliente es el tope de 5 " +
      "años. Nulo cuando no se ganó en W ninguna oportunidad con cuenta.",
    unit: "money",
    higherIsBetter: true,
  },
  content_usage_rate: {
    en:
      "used assets / active assets. Active = published_at ≤ end of P and (archived_at null or ≥ start of P). " +
      "Used = active and with at least one usage in P whose action is customer-facing (shared, sent, " +
      "presented).",
    es:
      "contenidos usados / contenidos activos. Activo = published_at ≤ fin de P y (archived_at nulo o ≥ " +
      "inicio de P). Usado = activo y con al menos un uso en P cuya acción es de cara al cliente (shared, " +
      "sent, presented).",
    unit: "ratio",
    higherIsBetter: true,
  },
  content_unused_share: {
    en: "1 − content_usage_rate.",
    es: "1 − tasa de uso de contenidos.",
    unit: "ratio",
    higherIsBetter: false,
  },
  content_influenced_revenue: {
    en:
      "Σ amount of deals won in P with at least one customer-facing usage whose deal_id is that deal and " +
      "occurred_at ≤ closed_at (at any date, whatever the asset's state).",
    es:
      "Σ del importe de las oportunidades ganadas en P con al menos un uso de cara al cliente cuyo deal_id es " +
      "esa oportunidad y con occurred_at ≤ closed_at (en cualquier fecha, sea cual sea el estado del " +
      "contenido).",
    unit: "money",
    higherIsBetter: true,
  },
  sla_compliance: {
    en:
      "sales response SLA: met / (met + breached) over leads with mql_at in P. Every MQL gets a first sales " +
      "response within 4 business hours (setting) of mql_at.",
    es:
      "SLA de respuesta de ventas: cumplidos / (cumplidos + incumplidos) sobre los leads con mql_at en P. " +
      "Cada MQL recibe una primera respuesta de ventas en un plazo de 4 horas laborables (ajuste) desde " +
      "mql_at.",
    unit: "ratio",
    higherIsBetter: true,
  },
};

/**
 * kpi-definitions.md §4: "at_risk is the part of pending with at least 75% of the window's
 * business time used up" — as a fraction, so SQL (lib/kpi/predicates/sla.ts) and the SLA queue's
 * live countdown in the browser (lib/sla/duration.ts) compare in whole numbers alike.
 */
export const SLA_AT_RISK_USED = { numerator: 3, denominator: 4 } as const;
