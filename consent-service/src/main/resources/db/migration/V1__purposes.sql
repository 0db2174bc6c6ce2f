-- What data may be used for, and on which lawful basis (GDPR Art. 6).
CREATE TABLE purpose (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    lawful_basis  TEXT NOT NULL CHECK (lawful_basis IN ('consent', 'legitimate_interest', 'contract', 'legal_obligation')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO purpose (code, name, description, lawful_basis) VALUES
    ('marketing_email', 'Marketing e-mails', 'Newsletters and offers sent by e-mail.', 'consent'),
    ('personalisation', 'Personalisation', 'Tailoring content and offers to behaviour and traits.', 'consent'),
    ('analytics', 'Audience measurement', 'Counting visits and conversions.', 'consent'),
    ('ai_training', 'AI model training', 'Training recommendation models on behaviour data; objection possible at any time.', 'legitimate_interest');
