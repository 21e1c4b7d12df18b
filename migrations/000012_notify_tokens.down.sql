DROP TRIGGER api_tokens_deleted_notify ON api_tokens;
DROP TRIGGER api_tokens_revoked_notify ON api_tokens;
