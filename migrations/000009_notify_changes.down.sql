DROP TRIGGER model_versions_notify ON model_versions;
DROP FUNCTION notify_model_change();
DROP TRIGGER index_changes_notify ON index_changes;
DROP FUNCTION notify_index_change();
