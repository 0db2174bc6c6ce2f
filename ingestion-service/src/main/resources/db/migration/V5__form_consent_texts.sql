-- The labels of each form's consent checkboxes, by form field, with their versions and hashes: what a
-- person was shown when they ticked a box, kept with every version the label went through.
ALTER TABLE form ADD COLUMN consent_texts JSONB NOT NULL DEFAULT '{}';
