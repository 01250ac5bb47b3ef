-- The relay is woken by its own replica after commit, and polls for the others' records: no NOTIFY, which takes a
-- database-wide lock at commit and so serialised every transaction that wrote a record.
DROP TRIGGER outbox_message_inserted ON outbox_message;
DROP FUNCTION outbox_message_notify();
