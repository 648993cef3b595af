import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { LOCALES, ROLES } from "@/lib/enums";
import { API_KEY_PREFIX, listApiKeys } from "@/lib/apikeys/keys";
import { requireArea } from "@/lib/authz/guard";
import { listUsers } from "@/lib/users/manage";
import { getOrgSettings, getSettings, getSettingsVersion, listSlaPolicyHistory } from "@/lib/settings/settings";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";
import { CreateUserForm } from "./create-user-form";
import { UserRowActions } from "./user-row-actions";
import { SlaPolicyForm } from "./sla-policy-form";
import { CurrencyRateForm } from "./currency-rate-form";
import { listCurrencyRates } from "../import/mapping-api";
import { Dialog } from "@/components/dialog/dialog";
import { EmptyState } from "@/components/states/states";
import styles from "./admin.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

/**
 * Administration: users and roles, API keys, the SLA policy (editor in a dialog, its history),
 * the exchange rates of the import. Admins only (policy area "admin"). Built from the
 * design system: tables that scroll inside their card (never the page, on a phone), empty
 * states, the "add a user" form in a dialog, field errors that say the limits.
 */
export default async function AdminPage() {
  const me = await requireArea("admin", "view", { callbackUrl: "/admin" });
  const [t, common, format, db] = await Promise.all([
    getTranslations("admin"),
    getTranslations("common"),
    getFormatter(),
    getDb(),
  ]);
  const [users, keys, settings, settingsVersion, policyHistory, rates, org] = await Promise.all([
    listUsers(db),
    listApiKeys(db),
    getSettings(db),
    getSettingsVersion(db),
    listSlaPolicyHistory(db),
    listCurrencyRates(db),
    getOrgSettings(db),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </header>

      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">{t("users.heading")}</h2>
        {users.length === 0 ? (
          <EmptyState title={t("users.empty")} />
        ) : (
          <div className={styles.scroll}>
            <table className="table">
              <caption className="visually-hidden">{t("users.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("users.email")}</th>
                  <th scope="col">{t("users.name")}</th>
                  <th scope="col">{t("users.role")}</th>
                  <th scope="col">{t("users.locale")}</th>
                  <th scope="col">{t("users.status")}</th>
                  <th scope="col">{t("users.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.email} {u.id === me.id ? <span className="muted">{t("users.you")}</span> : null}
                    </th>
                    <td>{u.name}</td>
                    <td>
                      <span className="badge">{common(`role.${u.role}`)}</span>
                    </td>
                    <td>{common(`languages.${u.locale}`)}</td>
                    <td>
                      {u.disabled ? (
                        <span className="badge badge-bad">{t("users.disabled")}</span>
                      ) : (
                        <span className="badge badge-good">{t("users.active")}</span>
                      )}{" "}
                      {u.hasPassword ? null : <span className="badge badge-muted">{t("users.noPassword")}</span>}
                    </td>
                    <td>
                      <UserRowActions
                        userId={u.id}
                        email={u.email}
                        role={u.role}
                        disabled={u.disabled}
                        isSelf={u.id === me.id}
                        roles={ROLES}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className={styles.actions}>
          <Dialog triggerLabel={t("newUser")} title={t("users.createHeading")} closeLabel={t("close")}>
            <CreateUserForm roles={ROLES} locales={LOCALES} />
          </Dialog>
        </div>
      </section>

      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t("apiKeys.heading")}</h2>
        <p className="muted">{t("apiKeys.intro")}</p>
        {keys.length === 0 ? (
          <EmptyState title={t("apiKeys.empty")} />
        ) : (
          <div className={styles.scroll}>
            <table className="table">
              <caption className="visually-hidden">{t("apiKeys.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiKeys.name")}</th>
                  <th scope="col">{t("apiKeys.role")}</th>
                  <th scope="col">{t("apiKeys.prefix")}</th>
                  <th scope="col">{t("apiKeys.created")}</th>
                  <th scope="col">{t("apiKeys.lastUsed")}</th>
                  <th scope="col">{t("apiKeys.status")}</th>
                  <th scope="col">{t("apiKeys.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>
                      <span className="badge">{common(`role.${k.role}`)}</span>
                    </td>
                    <td>
                      <code>
                        {API_KEY_PREFIX}
                        {k.prefix}…
                      </code>
                    </td>
                    <td>{when(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? when(k.lastUsedAt) : t("apiKeys.never")}</td>
                    <td>
                      {k.revokedAt ? (
                        <span className="badge badge-bad">{t("apiKeys.revokedOn", { date: when(k.revokedAt) })}</span>
                      ) : (
                        <span className="badge badge-good">{t("apiKeys.active")}</span>
                      )}
                    </td>
                    <td>{k.revokedAt ? null : <RevokeApiKeyButton id={k.id} name={k.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CreateApiKeyForm roles={ROLES} />
      </section>

      <section className="card" aria-labelledby="policy-heading">
        <h2 id="policy-heading">{t("policy.heading")}</h2>
        <p className="muted">{t("policy.intro")}</p>
        <dl className={styles.policy}>
          <dt>{t("policy.timeZone")}</dt>
          <dd>{settings.time_zone}</dd>
          <dt>{t("policy.window")}</dt>
          <dd className={styles.nowrap}>{t("policy.hoursValue", { hours: settings.sla_response_hours })}</dd>
          <dt>{t("policy.businessHours")}</dt>
          <dd>
            <code>{settings.business_hours}</code>
          </dd>
          <dt>{t("policy.holidays")}</dt>
          <dd>{settings.holidays.length ? settings.holidays.join(", ") : t("policy.noHolidays")}</dd>
          <dt>{t("policy.target")}</dt>
          <dd>{format.number(settings.mql_monthly_target)}</dd>
        </dl>
        <div className={styles.actions}>
          <Dialog triggerLabel={t("policy.editButton")} title={t("policy.edit")} closeLabel={t("close")}>
            <SlaPolicyForm
              values={{
                timeZone: settings.time_zone,
                slaResponseHours: settings.sla_response_hours,
                businessHours: settings.business_hours,
                holidays: settings.holidays,
                mqlMonthlyTarget: settings.mql_monthly_target,
                version: settingsVersion,
              }}
            />
          </Dialog>
        </div>
        <h3 id="policy-history-heading">{t("policy.historyHeading")}</h3>
        {policyHistory.length === 0 ? (
          <EmptyState title={t("policy.historyEmpty")} />
        ) : (
          <div className={styles.scroll}>
            <table className="table" aria-labelledby="policy-history-heading">
              <thead>
                <tr>
                  <th scope="col">{t("policy.validUntil")}</th>
                  <th scope="col">{t("policy.window")}</th>
                  <th scope="col">{t("policy.businessHours")}</th>
                  <th scope="col">{t("policy.holidays")}</th>
                  <th scope="col">{t("policy.timeZone")}</th>
                  <th scope="col">{t("policy.target")}</th>
                </tr>
              </thead>
              <tbody>
                {policyHistory.map((v) => (
                  <tr key={v.id}>
                    <th scope="row" className={styles.nowrap}>
                      {when(v.validUntil)}
                    </th>
                    <td className={`num ${styles.nowrap}`}>{t("policy.hoursValue", { hours: v.slaResponseHours })}</td>
                    <td>
                      <code>{v.businessHours}</code>
                    </td>
                    <td>{v.holidays.length ? v.holidays.join(", ") : t("policy.noHolidays")}</td>
                    <td>{v.timeZone}</td>
                    <td className={`num ${styles.nowrap}`}>{format.number(v.mqlMonthlyTarget)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="rates-heading">
        <h2 id="rates-heading">{t("rates.heading")}</h2>
        <p className="muted">{t("rates.intro", { currency: org.currency })}</p>
        {rates.length === 0 ? (
          <EmptyState title={t("rates.empty")} />
        ) : (
          <div className={styles.scroll} role="region" aria-labelledby="rates-heading" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t("rates.caption", { currency: org.currency })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rates.currency")}</th>
                  <th scope="col" className="num">
                    {t("rates.rateInto", { currency: org.currency })}
                  </th>
                  <th scope="col">{t("rates.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {rates.map((r) => (
                  <tr key={r.currency}>
                    <th scope="row">{r.currency}</th>
                    <td className="num">{r.rate}</td>
                    <td className={styles.nowrap}>{when(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CurrencyRateForm reportingCurrency={org.currency} versions={Object.fromEntries(rates.map((r) => [r.currency, r.version]))} />
      </section>
    </>
  );
}
