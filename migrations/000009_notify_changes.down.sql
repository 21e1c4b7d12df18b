DROP TRIGGER model_versions_notify ON model_versions;
DROP TRIGGER index_changes_notify ON index_changes;
DROP FUNCTION notify_change();
