DROP TABLE shared_keys;
DROP TABLE signin_attempts;
