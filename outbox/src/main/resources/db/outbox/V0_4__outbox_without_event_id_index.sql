-- event_id is a random (version 4) UUID drawn for each record, so it is unique without an index, and nothing looks a
-- record up by it (consumers deduplicate on the ce_id it becomes). Its unique index was a random-order B-tree written
-- twice per record, at insert and again when the relay marks the record sent.
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_event_id_key;
