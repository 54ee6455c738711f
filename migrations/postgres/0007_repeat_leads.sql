-- A repeat lead: a lead from a client already known. Its card may be arranged apart from the
-- cards of regular leads (layouts under the card kind `lead:repeat`).
ALTER TABLE items ADD COLUMN repeat_lead BIGINT NOT NULL DEFAULT 0;
