-- Wake-ups for the servers' API token caches: a commit that revokes or
-- deletes API tokens (a user's erasure deletes them) sends a NOTIFY, and
-- every server forgets the tokens it trusted, so a revocation made through
-- one replica holds on all at once. Recording a token's use (last_used_at)
-- does not notify: it is not listed in UPDATE OF.
CREATE TRIGGER api_tokens_revoked_notify AFTER UPDATE OF revoked_at ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('jobmatch_tokens');
CREATE TRIGGER api_tokens_deleted_notify AFTER DELETE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('jobmatch_tokens');
