-- Every replica keeps the API keys, campaigns and characters the dice-roll path reads in memory (ChangeNotices,
-- CoherentCache) and forgets them when one of these rows changes in a way a roll would see: the notice goes out when
-- the change commits, never for one rolled back. Such changes are rare (a key revoked or rotated, a streamer assigned),
-- so the lock a NOTIFY takes at commit costs nothing that matters; the dice-roll path's own writes (a roll, its outbox
-- record, a character's first roll or new name, the key's last_seen_at) notify nothing. A character's name is not
-- kept: each roll carries its own, and one module sending two names for one character must not empty every cache.
CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tavern_directory_' || TG_TABLE_SCHEMA, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER vtt_connection_changed
    AFTER UPDATE ON vtt_connection FOR EACH ROW
    WHEN ((OLD.tenant_id, OLD.name, OLD.provider, OLD.api_key_hash, OLD.status)
          IS DISTINCT FROM (NEW.tenant_id, NEW.name, NEW.provider, NEW.api_key_hash, NEW.status))
    EXECUTE FUNCTION directory_changed();
CREATE TRIGGER vtt_connection_deleted
    AFTER DELETE ON vtt_connection FOR EACH ROW EXECUTE FUNCTION directory_changed();

CREATE TRIGGER campaign_changed
    AFTER UPDATE OR DELETE ON campaign FOR EACH ROW EXECUTE FUNCTION directory_changed();

CREATE TRIGGER game_character_assigned
    AFTER INSERT ON game_character FOR EACH ROW WHEN (NEW.streamer_id IS NOT NULL)
    EXECUTE FUNCTION directory_changed();
CREATE TRIGGER game_character_changed
    AFTER UPDATE ON game_character FOR EACH ROW
    WHEN ((OLD.campaign_id, OLD.vtt_character_id, OLD.streamer_id)
          IS DISTINCT FROM (NEW.campaign_id, NEW.vtt_character_id, NEW.streamer_id))
    EXECUTE FUNCTION directory_changed();
CREATE TRIGGER game_character_deleted
    AFTER DELETE ON game_character FOR EACH ROW EXECUTE FUNCTION directory_changed();
