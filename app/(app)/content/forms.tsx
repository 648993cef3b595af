"use client";

import { startTransition, useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { ASSET_TYPES, FUNNEL_STAGES, RATING_REASONS } from "@/lib/enums";
import type { EditableAsset, StaleAsset } from "@/lib/content/assets";
import {
  archiveAssetAction,
  askSalesAction,
  completeRequestAction,
  createAssetAction,
  createRequestAction,
  rateAssetAction,
  updateAssetAction,
} from "./actions";
import styles from "./content.module.css";

type Act<R> = (prev: ActionState<R>, data: FormData) => Promise<ActionState<R>>;

/** useActionState over a wrapped action, submitted in a transition (keeps the form's text on failure). */
function useSubmit<R>(act: Act<R>) {
  const [state, formAction, pending] = useActionState(act, {} as ActionState<R>);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, onSubmit, pending };
}

/** Archive / restore and "ask sales" on one asset (marketing, leadership, admin). */
export function AssetActions({ assetId, version, archived, title }: { assetId: string; version: number; archived: boolean; title: string }) {
  const t = useTranslations("content");
  const archive = useSubmit(archiveAssetAction);
  const ask = useSubmit(askSalesAction);
  const form = useActionForm(archive.state.ok === false ? archive.state : ask.state, { namespace: "content", id: useId() });
  return (
    <div className={styles.actions}>
      <form onSubmit={archive.onSubmit}>
        <input type="hidden" name="asset_id" value={assetId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="archive" value={archived ? "false" : "true"} />
        <button type="submit" className="btn" disabled={archive.pending} aria-label={t(archived ? "actions.restoreNamed" : "actions.archiveNamed", { title })}>
          {t(archived ? "actions.restore" : "actions.archive")}
        </button>
      </form>
      <form onSubmit={ask.onSubmit}>
        <input type="hidden" name="asset_id" value={assetId} />
        <button type="submit" className="btn" disabled={ask.pending || ask.state.ok === true} aria-label={t("actions.askSalesNamed", { title })}>
          {ask.state.ok ? t("actions.asked") : t("actions.askSales")}
        </button>
      </form>
      <FormStatus error={form.formError} success={archive.state.ok ? t("actions.saved") : null} />
    </div>
  );
}

/** A sales user's rating of an asset: useful or not, why not, and a comment. */
export function RateForm({ assetId }: { assetId: string }) {
  const t = useTranslations("content");
  const { state, onSubmit, pending } = useSubmit(rateAssetAction);
  const form = useActionForm(state, { namespace: "content", id: useId(), fields: ["useful", "reason", "comment"] });
  const [useful, setUseful] = useState<string>("");
  const usefulField = form.field("useful");
  const reason = form.field("reason");
  const comment = form.field("comment");
  return (
    <form onSubmit={onSubmit} className={styles.form} data-testid="rate-form">
      <input type="hidden" name="asset_id" value={assetId} />
      <fieldset className={styles.fieldset} aria-describedby={usefulField.message ? usefulField.errorId : undefined}>
        <legend>{t("rate.question")}</legend>
        <label className={styles.inline}>
          <input type="radio" name="useful" value="true" checked={useful === "true"} onChange={() => setUseful("true")} /> {t("rate.useful")}
        </label>
        <label className={styles.inline}>
          <input type="radio" name="useful" value="false" checked={useful === "false"} onChange={() => setUseful("false")} /> {t("rate.notUseful")}
        </label>
        <FieldError id={usefulField.errorId} message={usefulField.message} />
      </fieldset>
      {useful === "false" ? (
        <div className="field">
          <label htmlFor={reason.props.id}>{t("rate.reason")}</label>
          <select {...reason.props} defaultValue="">
            <option value="">{t("rate.chooseReason")}</option>
            {RATING_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
          <FieldError id={reason.errorId} message={reason.message} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={comment.props.id}>{t("rate.comment")}</label>
        <textarea {...comment.props} rows={2} />
        <FieldError id={comment.errorId} message={comment.message} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {t("rate.submit")}
      </button>
      <FormStatus error={form.formError} success={state.ok ? t("rate.thanks") : null} />
    </form>
  );
}

/** Sales asks for content that does not exist (stage, topic, why). */
export function RequestForm() {
  const t = useTranslations("content");
  const { state, onSubmit, pending } = useSubmit(createRequestAction);
  const form = useActionForm(state, { namespace: "content", id: useId(), fields: ["funnel_stage", "topic", "why"] });
  const stage = form.field("funnel_stage");
  const topic = form.field("topic");
  const why = form.field("why");
  return (
    <form onSubmit={onSubmit} className={styles.form} key={state.ok ? String(state.data) : "new"}>
      <div className="field">
        <label htmlFor={stage.props.id}>{t("requests.stage")}</label>
        <select {...stage.props} defaultValue="">
          <option value="">{t("requests.anyStage")}</option>
          {FUNNEL_STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stages.${s}`)}
            </option>
          ))}
        </select>
        <FieldError id={stage.errorId} message={stage.message} />
      </div>
      <div className="field">
        <label htmlFor={topic.props.id}>{t("requests.topic")}</label>
        <input {...topic.props} type="text" required />
        <FieldError id={topic.errorId} message={topic.message} />
      </div>
      <div className="field">
        <label htmlFor={why.props.id}>{t("requests.why")}</label>
        <textarea {...why.props} rows={2} />
        <FieldError id={why.errorId} message={why.message} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {t("requests.submit")}
      </button>
      <FormStatus error={form.formError} success={state.ok ? t("requests.sent") : null} />
    </form>
  );
}

/** Marketing marks a request done by linking the asset that answers it. */
export function CompleteRequestForm({ requestId, topic }: { requestId: number; topic: string }) {
  const t = useTranslations("content");
  const { state, onSubmit, pending } = useSubmit(completeRequestAction);
  const form = useActionForm(state, { namespace: "content", id: useId(), fields: ["asset_id"] });
  const asset = form.field("asset_id");
  return (
    <form onSubmit={onSubmit} className={styles.inlineForm}>
      <input type="hidden" name="request_id" value={requestId} />
      <label htmlFor={asset.props.id} className="visually-hidden">
        {t("requests.assetFor", { topic })}
      </label>
      <input {...asset.props} type="text" required placeholder={t("requests.assetPlaceholder")} className={styles.small} />
      <button type="submit" className="btn" disabled={pending}>
        {t("requests.markDone")}
      </button>
      <FieldError id={asset.errorId} message={asset.message} />
      <FormStatus error={asset.message ? null : form.formError} />
    </form>
  );
}

const FIELDS = ["asset_id", "title", "type", "funnel_stage", "owner_email", "published_at", "url"] as const;

/**
 * Add or edit an asset (marketing). The importer's rules check every field on the server; a
 * stale edit shows the asset as it is now and keeps the form open to try again on it.
 */
export function AssetForm({ asset }: { asset: EditableAsset | null }) {
  const t = useTranslations("content");
  const [base, setBase] = useState<EditableAsset | null>(asset);
  const act: Act<unknown> = async (prev, data) => {
    const result = asset ? await updateAssetAction(prev as never, data) : await createAssetAction(prev as never, data);
    if (!result.ok && result.code === "stale" && result.data && (result.data as StaleAsset).status === "stale") setBase((result.data as StaleAsset).asset);
    return result as ActionState<unknown>;
  };
  const { state, onSubmit, pending } = useSubmit(act);
  const form = useActionForm(state, { namespace: "content", id: useId(), fields: [...FIELDS] });
  const f = Object.fromEntries(FIELDS.map((n) => [n, form.field(n)])) as Record<(typeof FIELDS)[number], ReturnType<typeof form.field>>;
  const version = base?.version ?? 1;
  return (
    <form onSubmit={onSubmit} className={styles.form} key={`${base?.assetId ?? "new"}-${version}`} data-testid="asset-form">
      {asset ? <input type="hidden" name="asset_id" value={asset.assetId} /> : null}
      {asset ? <input type="hidden" name="version" value={version} /> : null}
      {asset ? null : (
        <div className="field">
          <label htmlFor={f.asset_id.props.id}>{t("form.asset_id")}</label>
          <input {...f.asset_id.props} type="text" required />
          <FieldError id={f.asset_id.errorId} message={f.asset_id.message} />
        </div>
      )}
      <div className="field">
        <label htmlFor={f.title.props.id}>{t("form.title")}</label>
        <input {...f.title.props} type="text" defaultValue={base?.title ?? ""} required />
        <FieldError id={f.title.errorId} message={f.title.message} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={f.type.props.id}>{t("form.type")}</label>
          <select {...f.type.props} defaultValue={base?.type ?? ""}>
            <option value="">{t("form.choose")}</option>
            {ASSET_TYPES.map((v) => (
              <option key={v} value={v}>
                {t(`types.${v}`)}
              </option>
            ))}
          </select>
          <FieldError id={f.type.errorId} message={f.type.message} />
        </div>
        <div className="field">
          <label htmlFor={f.funnel_stage.props.id}>{t("form.funnel_stage")}</label>
          <select {...f.funnel_stage.props} defaultValue={base?.funnelStage ?? ""}>
            <option value="">{t("form.none")}</option>
            {FUNNEL_STAGES.map((v) => (
              <option key={v} value={v}>
                {t(`stages.${v}`)}
              </option>
            ))}
          </select>
          <FieldError id={f.funnel_stage.errorId} message={f.funnel_stage.message} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={f.owner_email.props.id}>{t("form.owner_email")}</label>
        <input {...f.owner_email.props} type="email" defaultValue={base?.ownerEmail ?? ""} />
        <FieldError id={f.owner_email.errorId} message={f.owner_email.message} />
      </div>
      <div className="field">
        <label htmlFor={f.published_at.props.id}>{t("form.published_at")}</label>
        <input {...f.published_at.props} type="text" defaultValue={base?.publishedAt ?? ""} placeholder="2025-01-31T09:00:00Z" required />
        <FieldError id={f.published_at.errorId} message={f.published_at.message} />
      </div>
      <div className="field">
        <label htmlFor={f.url.props.id}>{t("form.url")}</label>
        <input {...f.url.props} type="url" defaultValue={base?.url ?? ""} />
        <FieldError id={f.url.errorId} message={f.url.message} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {asset ? t("form.save") : t("form.add")}
      </button>
      <FormStatus error={form.formError} success={state.ok ? t("form.saved") : null} />
    </form>
  );
}
