DROP TABLE model_versions;
