-- Exclusion-rule thresholds move from raw cosine similarity to the calibrated
-- match score users see on results. The score depends on the model's
-- calibration, which SQL does not have, so the old thresholds stay as
-- similarity_a/b until the server converts them when it loads the rules;
-- a rule has either both scores or both old similarities.
ALTER TABLE exclusion_rules RENAME COLUMN threshold_a TO similarity_a;
ALTER TABLE exclusion_rules RENAME COLUMN threshold_b TO similarity_b;
ALTER TABLE exclusion_rules ALTER COLUMN similarity_a DROP NOT NULL;
ALTER TABLE exclusion_rules ALTER COLUMN similarity_b DROP NOT NULL;
ALTER TABLE exclusion_rules
    ADD COLUMN min_score_a real CHECK (min_score_a > 0 AND min_score_a <= 1),
    ADD COLUMN min_score_b real CHECK (min_score_b > 0 AND min_score_b <= 1),
    ADD CONSTRAINT exclusion_rules_thresholds CHECK (
        (min_score_a IS NOT NULL AND min_score_b IS NOT NULL)
        OR (similarity_a IS NOT NULL AND similarity_b IS NOT NULL));
