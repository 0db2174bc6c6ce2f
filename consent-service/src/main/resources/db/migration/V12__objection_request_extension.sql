-- Every data-subject request has the same Art. 12(3) deadline fields; an objection is complete when
-- filed, so its extension reason stays empty, but the column makes it the same kind of request.
ALTER TABLE objection_request ADD COLUMN extension_reason TEXT;
