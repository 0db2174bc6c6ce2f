-- Identity is per brand: the same address may belong to one person at one brand and to another at
-- a brand not linked to it. A link per holder, instead of one that moved to whoever was resolved last.
ALTER TABLE identifier_link DROP CONSTRAINT identifier_link_pkey;
ALTER TABLE identifier_link ADD PRIMARY KEY (identifier_hash, profile_id);
