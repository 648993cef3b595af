-- The recorded SLA policies (sla_policy_history) are an input of the SLA reports (each MQL is
-- judged by the policy in force at its mql_at), so a write to them moves the settings version of
-- the report cache (migration 0010) like a write to organisation_settings does. The app writes
-- them only together with organisation_settings; this covers every other writer (an operator's
-- correction by hand, a restore), so the cache never serves an SLA report of other policies.
CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policy_history
  FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed('settings');
