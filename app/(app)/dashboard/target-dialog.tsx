"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Dialog } from "@/components/dialog/dialog";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { KpiKey, KpiUnit } from "@/lib/kpi/definitions";
import type { TargetDirection } from "@/lib/dashboard/target-rules";
import { clearTargetAction, setTargetAction } from "./actions";
import styles from "./target-dialog.module.css";

/** One KPI as the dialog offers it, with the target in force (as typed: a share as a percentage). */
export interface TargetChoice {
  key: KpiKey;
  label: string;
  unit: KpiUnit;
  /** The target is per month (scaled to the period on the dashboard). */
  perMonth: boolean;
  /** The target in force, as typed ("" when none). */
  value: string;
  direction: TargetDirection;
  /** The stored row's version; 0 when no target is stored (a default or none). */
  version: number;
  stored: boolean;
}

const FIELDS = ["kpiKey", "target", "direction", "version"] as const;

/**
 * "Targets": a dialog where leadership and admins set a KPI's target (validated per unit on the
 * server, lib/dashboard/target-rules.ts) or remove it (the default applies again). Saved targets
 * drive the tiles' "on track / behind" colour and progress. Rendered only for roles that may
 * edit the dashboard; the actions check the policy again.
 */
export function TargetDialog({ choices, currency }: { choices: TargetChoice[]; currency: string }) {
  const t = useTranslations("dashboard.targets");
  const [selected, setSelected] = useState<KpiKey>(choices[0]?.key ?? "revenue");
  const choice = choices.find((c) => c.key === selected) ?? choices[0];
  const [saveState, saveAction, saving] = useActionState(setTargetAction, {});
  const [clearState, clearAction, clearing] = useActionState(clearTargetAction, {});
  // The answer shown is that of the button pressed last.
  const [last, setLast] = useState<"save" | "clear">("save");
  const lastState = last === "clear" ? clearState : saveState;
  const router = useRouter();
  // A stale refusal: fetch the target as it is now, so the form shows it (keyed by version below).
  useEffect(() => {
    if (lastState.code === "stale") router.refresh();
  }, [lastState, router]);
  const form = useActionForm(lastState, { namespace: "dashboard", id: "kpi-target", fields: FIELDS });
  const kpi = form.field("kpiKey");
  const target = form.field("target", { hint: true });
  const direction = form.field("direction");
  if (!choice) return null;
  const unitHint =
    choice.unit === "ratio"
      ? t("hint.percent")
      : choice.unit === "count"
        ? t("hint.count")
        : choice.unit === "days"
          ? t("hint.days")
          : t("hint.money", { currency });
  const success = lastState.ok ? (last === "clear" ? t("removed") : t("saved")) : null;
  return (
    <Dialog triggerLabel={t("open")} title={t("title")} closeLabel={t("close")}>
      <p className="muted">{t("intro")}</p>
      {/* The KPI picker sits outside the form (React resets a form after its action; a picked KPI must stay picked). */}
      <div className="field">
        <label htmlFor={kpi.props.id}>{t("kpi")}</label>
        <select
          id={kpi.props.id}
          aria-invalid={kpi.props["aria-invalid"]}
          aria-describedby={kpi.props["aria-describedby"]}
          value={choice.key}
          onChange={(e) => setSelected(e.target.value as KpiKey)}
        >
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldError id={kpi.errorId} message={kpi.message} />
      </div>
      {/* Keyed by KPI and version: choosing another KPI, or a save, shows that KPI's target in force. */}
      <form key={`${choice.key}:${choice.version}:${choice.value}`} action={saveAction} noValidate className={styles.form}>
        <FormStatus error={form.formError} success={success} />
        <input type="hidden" name="kpiKey" value={choice.key} />
        <div className={styles.row}>
          <div className="field">
            <label htmlFor={target.props.id}>{choice.perMonth ? t("targetPerMonth") : t("target")}</label>
            <input {...target.props} type="text" inputMode="decimal" autoComplete="off" defaultValue={choice.value} required />
            <small id={target.hintId} className="muted">
              {unitHint}
              {choice.stored ? null : choice.value ? ` ${t("hint.default")}` : null}
            </small>
            <FieldError id={target.errorId} message={target.message} />
          </div>
          <div className="field">
            <label htmlFor={direction.props.id}>{t("direction")}</label>
            <select {...direction.props} defaultValue={choice.direction}>
              <option value="at_least">{t("atLeast")}</option>
              <option value="at_most">{t("atMost")}</option>
            </select>
            <FieldError id={direction.errorId} message={direction.message} />
          </div>
        </div>
        <input type="hidden" name="version" value={choice.version} />
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary" disabled={saving || clearing} onClick={() => setLast("save")}>
            {saving ? t("saving") : t("save")}
          </button>
          {choice.stored ? (
            <button type="submit" className="btn" formAction={clearAction} disabled={saving || clearing} onClick={() => setLast("clear")}>
              {clearing ? t("saving") : t("remove")}
            </button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
