"use client";

import type { RawFilters } from "@/lib/dashboard/search-params";
import { linkQuery, linkTo, uncheckedLinkValues, type LinkValues } from "@/lib/url-state/links";
import { useRef, useState, type FormEvent } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { formatAsOfValue } from "@/lib/format";
import { Chips, type Chip } from "./chips";
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
 * The dashboard-wide filters as one compact bar: the period (presets; dates only for a custom
 * period), segment, owner and channel as drop-downs, "as of" behind "More", and the applied
 * filters as removable chips (links built with linkTo). A plain GET form (works without
 * JavaScript); with JavaScript it navigates to a clean URL, so every view is a bookmarkable
 * link. Errors of a bad URL show at their field. On a phone the bar folds behind a button.
 */
export function FilterForm({ values, error, presets, segments, owners, channels, timeZone, keep = {} }: FilterFormProps) {
  const t = useTranslations("dashboard.filters");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const formRef = useRef<HTMLFormElement>(null);
  const [preset, setPreset] = useState(values.preset || "last_12_months");
  // The phone folds the fields behind a "Filters" button; wider screens always show them.
  const [open, setOpen] = useState(false);
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

  const fieldError = (field: string) =>
    error?.field === field ? (
      <p className="field-error" id={`filter-error-${field}`} role="alert">
        {error.message}
      </p>
    ) : null;

  // The applied filters, as chips that link to the same view without them.
  const current = uncheckedLinkValues({
    preset: values.preset || null,
    from: values.preset === "custom" ? values.from || null : null,
    to: values.preset === "custom" ? values.to || null : null,
    as_of: values.asOf || null,
    segment: values.segment,
    owner_email: values.ownerEmail,
    source_channel: values.sourceChannel,
  });
  const chips: Chip[] = MULTI.flatMap((m) =>
    values[m.key].map((v) => {
      const label = options[m.key].find((o) => o.value === v)?.label ?? v;
      return {
        key: `${m.name}:${v}`,
        label,
        removeLabel: t("removeFilter", { name: t(m.label), value: label }),
        href: linkTo(pathname, { ...keep, ...current, [m.name]: values[m.key].filter((x) => x !== v) }),
      };
    }),
  );
  if (values.asOf) {
    // In the reader's language and date format (lib/format), not the URL's ISO text.
    const asOfText = formatAsOfValue(format, values.asOf, timeZone);
    chips.push({
      key: "as_of",
      label: t("asOfChip", { value: asOfText }),
      removeLabel: t("removeFilter", { name: t("asOf"), value: asOfText }),
      href: linkTo(pathname, { ...keep, ...current, as_of: null }),
    });
  }
  const custom = preset === "custom";
  const fieldsOpen = open || error !== null;

  return (
    <form ref={formRef} method="get" action={pathname} onSubmit={onSubmit} className={`card ${styles.form}`} aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="visually-hidden">
        {t("heading")}
      </h2>
      {keepFields.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <button type="button" className={`btn ${styles.toggle}`} aria-expanded={fieldsOpen} aria-controls="filter-fields" onClick={() => setOpen(!open)}>
        {t("filtersToggle")}
        {chips.length > 0 ? <span className="badge">{chips.length}</span> : null}
      </button>
      <div id="filter-fields" className={styles.fields} data-open={fieldsOpen}>
        <div className={styles.fieldWrap}>
          <div className={styles.inline}>
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
          </div>
          {fieldError("preset")}
        </div>
        {custom
          ? (["from", "to"] as const).map((f) => (
              <div key={f} className={styles.fieldWrap}>
                <div className={styles.inline}>
                  <label htmlFor={`filter-${f}`}>{t(f)}</label>
                  <input
                    id={`filter-${f}`}
                    name={f}
                    type="date"
                    defaultValue={values[f]}
                    aria-invalid={invalid(f)}
                    aria-describedby={errId(f)}
                  />
                </div>
                {fieldError(f)}
              </div>
            ))
          : null}
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
              <details open={error?.field === m.name ? true : undefined}>
                <summary>
                  <span className={styles.legendText}>{t(m.label)}</span>:{" "}
                  <span className={styles.summaryValue}>{selected.length === 0 ? t("any") : t("selected", { count: selected.length })}</span>
                </summary>
                <div className={styles.options}>
                  {opts.length === 0 ? <p className="muted">{t("noTeamMembers")}</p> : null}
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
        <details className={styles.more} open={values.asOf !== "" || error?.field === "as_of" ? true : undefined}>
          <summary>{t("more")}</summary>
          <div className={styles.morePanel}>
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
        </details>
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary">
            {t("apply")}
          </button>
          <a className="btn" href={linkTo(pathname, keep)}>
            {t("reset")}
          </a>
        </div>
      </div>
      <Chips chips={chips} label={t("applied")} clearAll={{ label: t("clearAll"), href: linkTo(pathname, keep) }} />
    </form>
  );
}
