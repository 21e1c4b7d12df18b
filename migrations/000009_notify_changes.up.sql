-- Wake-ups for the replicas. Every change to the index's change log, and
-- every change of the current model version, sends a NOTIFY once its
-- transaction commits; each server LISTENs and catches up at once instead of
-- at its next poll. The payload is empty: a notification only says "look",
-- the change log stays what the servers read, and the poll stays for
-- notifications lost while a listening connection was down. Postgres folds
-- identical notifications of one transaction into one, so a statement-level
-- trigger sends one wake-up however many rows a transaction changed.
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER index_changes_notify AFTER INSERT ON index_changes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('jobmatch_index');
CREATE TRIGGER model_versions_notify AFTER INSERT OR UPDATE ON model_versions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('jobmatch_model');
