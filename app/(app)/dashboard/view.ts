import { getTranslations } from "next-intl/server";
import { CHANNELS, SEGMENTS } from "@/lib/enums";
import type { Db } from "@/db/client";
import type { FilterFormProps } from "@/components/filters/filter-form";
import { ownerOptions } from "@/lib/dashboard/charts";
import { DEFAULT_PRESET, PRESETS, type DashboardStateResult } from "@/lib/dashboard/url-state";
import type { OrgSettings } from "@/lib/kpi";
import { wallClockInZone } from "@/lib/time";
import type { LinkValues } from "@/lib/url-state/links";

/** The filter form's props for a parsed URL state (shared by the dashboard and the drill-down). */
export async function filterFormProps(
  db: Db,
  parsed: DashboardStateResult,
  settings: OrgSettings,
  keep: LinkValues = {},
): Promise<FilterFormProps> {
  const t = await getTranslations("dashboard");
  const owners = await ownerOptions(db);
  const { raw } = parsed;
  let values: FilterFormProps["values"];
  if (parsed.ok) {
    const { params, preset, asOfInput } = parsed.state;
    values = {
      preset,
      from: params.from,
      to: params.to,
      asOf:
        asOfInput === ""
          ? ""
          : wallClockInZone(params.asOf, settings.timeZone),
      segment: params.segment ?? [],
      ownerEmail: params.ownerEmail ?? [],
      sourceChannel: params.sourceChannel ?? [],
    };
  } else {
    values = {
      preset: (PRESETS as readonly string[]).includes(raw.preset) ? raw.preset : raw.from || raw.to ? "custom" : DEFAULT_PRESET,
      from: raw.from,
      to: raw.to,
      asOf: raw.asOf,
      segment: raw.segment,
      ownerEmail: raw.ownerEmail,
      sourceChannel: raw.sourceChannel,
    };
  }
  const error = parsed.ok
    ? null
    : {
        field: parsed.error.field,
        message: t(`filters.errors.${parsed.error.code}`, { value: parsed.error.value ?? "" }),
      };
  return {
    values,
    error,
    presets: PRESETS.map((p) => ({ value: p, label: t(`filters.presets.${p}`) })),
    segments: SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) })),
    owners: owners.map((o) => ({
      value: o.email,
      label: o.name && o.name !== o.email ? `${o.name} (${o.email})` : o.email,
      group: t(`teams.${o.team === "sales" || o.team === "marketing" ? o.team : "none"}`),
    })),
    channels: CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })),
    timeZone: settings.timeZone,
    keep,
  };
}
