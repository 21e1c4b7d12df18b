-- Back to cosine thresholds: a rule converted to scores gets the score as its
-- similarity threshold, the nearest value the old schema can hold.
UPDATE exclusion_rules SET similarity_a = COALESCE(similarity_a, min_score_a), similarity_b = COALESCE(similarity_b, min_score_b);
ALTER TABLE exclusion_rules DROP CONSTRAINT exclusion_rules_thresholds;
ALTER TABLE exclusion_rules DROP COLUMN min_score_a, DROP COLUMN min_score_b;
ALTER TABLE exclusion_rules ALTER COLUMN similarity_a SET NOT NULL;
ALTER TABLE exclusion_rules ALTER COLUMN similarity_b SET NOT NULL;
ALTER TABLE exclusion_rules RENAME COLUMN similarity_a TO threshold_a;
ALTER TABLE exclusion_rules RENAME COLUMN similarity_b TO threshold_b;
