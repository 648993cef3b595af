"use client";

import type { RawFilters } from "@/lib/dashboard/search-params";
import { linkQuery, linkTo, uncheckedLinkValues, type LinkValues } from "@/lib/url-state/links";
import { useRef, useState, type FormEvent } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import styles from "./filters.module.css";

export interface FilterOption {
  value: string;
  label: string;
  /** Option group heading (owners by team). */
  group?: string;
}

/** The form shows the URL's values as given (valid or not); `asOf` is the datetime-local
 * input's wall-clock value ("" = now). */
export type FilterFormValues = RawFilters;

export interface FilterFormProps {
  values: FilterFormValues;
  /** The field in error and its (translated) message. */
  error: { field: string; message: string } | null;
  presets: { value: string; label: string }[];
  segments: FilterOption[];
  owners: FilterOption[];
  channels: FilterOption[];
  timeZone: string;
  /** Other URL parameters to keep when the filters change (e.g. the drill-down's kpi). */
  keep?: LinkValues;
}

const MULTI = [
  { name: "segment", key: "segment", label: "segment" },
  { name: "owner_email", key: "ownerEmail", label: "owner" },
  { name: "source_channel", key: "sourceChannel", label: "sourceChannel" },
] as const;

/**
 * The dashboard-wide filters. A plain GET form (works without JavaScript); with JavaScript it
 * navigates to a clean URL (empty fields and, unless the period is custom, the dates left
 * out), so every view is a bookmarkable link. Changing a date switches the period to custom.
 */
export function FilterForm({ values, error, presets, segments, owners, channels, timeZone, keep = {} }: FilterFormProps) {
  const t = useTranslations("dashboard.filters");
  const router = useRouter();
  const pathname = usePathname();
  const formRef = useRef<HTMLFormElement>(null);
  const [preset, setPreset] = useState(values.preset || "last_12_months");
  const options = { segment: segments, ownerEmail: owners, sourceChannel: channels };
  const errId = (field: string) => (error?.field === field ? `filter-error-${field}` : undefined);
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  const keepFields = [...linkQuery(keep).entries()];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim() || null;
    const list = (name: string) => data.getAll(name).map(String).filter((v) => v !== "");
    const custom = text("preset") === "custom";
    // What the user chose goes into the URL as it is: the page validates it and says what is wrong at the field.
    const chosen = uncheckedLinkValues({
      preset: text("preset"),
      from: custom ? text("from") : null,
      to: custom ? text("to") : null,
      as_of: text("as_of"),
      segment: list("segment"),
      owner_email: list("owner_email"),
      source_channel: list("source_channel"),
    });
    router.push(linkTo(pathname, { ...keep, ...chosen }));
  }

  function onDateChange() {
    if (preset !== "custom") setPreset("custom");
  }

  const fieldError = (field: string) =>
    error?.field === field ? (
      <p className="field-error" id={`filter-error-${field}`} role="alert">
        {error.message}
      </p>
    ) : null;

  return (
    <form ref={formRef} method="get" action={pathname} onSubmit={onSubmit} className={`card ${styles.form}`} aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="visually-hidden">
        {t("heading")}
      </h2>
      {keepFields.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="filter-preset">{t("preset")}</label>
          <select
            id="filter-preset"
            name="preset"
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            aria-invalid={invalid("preset")}
            aria-describedby={errId("preset")}
          >
            {presets.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
          {fieldError("preset")}
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("from")}</label>
          <input
            id="filter-from"
            name="from"
            type="date"
            defaultValue={values.from}
            onChange={onDateChange}
            aria-invalid={invalid("from")}
            aria-describedby={errId("from")}
          />
          {fieldError("from")}
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("to")}</label>
          <input
            id="filter-to"
            name="to"
            type="date"
            defaultValue={values.to}
            onChange={onDateChange}
            aria-invalid={invalid("to")}
            aria-describedby={errId("to")}
          />
          {fieldError("to")}
        </div>
        <div className="field">
          <label htmlFor="filter-as-of">{t("asOf")}</label>
          <input
            id="filter-as-of"
            name="as_of"
            type="datetime-local"
            step={1}
            defaultValue={values.asOf}
            aria-invalid={invalid("as_of")}
            aria-describedby={[errId("as_of"), "filter-as-of-hint"].filter(Boolean).join(" ")}
          />
          <span id="filter-as-of-hint" className={styles.hint}>
            {t("asOfHint", { timeZone })}
          </span>
          {fieldError("as_of")}
        </div>
      </div>
      <div className={styles.row}>
        {MULTI.map((m) => {
          const selected = values[m.key];
          const opts = [...options[m.key]];
          for (const v of selected) {
            if (!opts.some((o) => o.value === v)) opts.push({ value: v, label: m.name === "owner_email" ? t("otherOwner", { email: v }) : v });
          }
          const groups = [...new Set(opts.map((o) => o.group ?? ""))];
          return (
            <fieldset key={m.name} className={styles.multi} aria-describedby={errId(m.name)} data-invalid={invalid(m.name)}>
              <legend className="visually-hidden">{t(m.label)}</legend>
              <details open={selected.length > 0 || error?.field === m.name ? true : undefined}>
                <summary>
                  <span className={styles.legendText}>{t(m.label)}</span>:{" "}
                  <span className={styles.summaryValue}>{selected.length === 0 ? t("any") : t("selected", { count: selected.length })}</span>
                </summary>
                {opts.length === 0 ? <p className="muted">{t("noTeamMembers")}</p> : null}
                <div className={styles.options}>
                  {groups.map((g) => (
                    <div key={g || "all"} role={g ? "group" : undefined} aria-label={g || undefined}>
                      {g ? <p className={styles.groupLabel}>{g}</p> : null}
                      {opts
                        .filter((o) => (o.group ?? "") === g)
                        .map((o) => {
                          const id = `filter-${m.name}-${o.value}`;
                          return (
                            <label key={o.value} htmlFor={id} className={styles.check}>
                              <input id={id} type="checkbox" name={m.name} value={o.value} defaultChecked={selected.includes(o.value)} />{" "}
                              {o.label}
                            </label>
                          );
                        })}
                    </div>
                  ))}
                </div>
              </details>
              {fieldError(m.name)}
            </fieldset>
          );
        })}
      </div>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary">
          {t("apply")}
        </button>
        <a className="btn" href={linkTo(pathname, keep)}>
          {t("reset")}
        </a>
      </div>
    </form>
  );
}
