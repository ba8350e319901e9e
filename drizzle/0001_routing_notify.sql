-- Routing cache invalidation (see docs/decisions/001-listen-notify-invalidation.md).
-- Every change to a table the routing plan is built from (publishers: status only) sends one NOTIFY on the channel
-- `routing_changed`, from the database itself, so no write path can forget to invalidate.
-- Payload (JSON): {"kind": "smartlink"|"campaign"|"access", "id": <int>, "code": <text|null>}
--   smartlink: id = smartlinks.id (changes to smartlinks and to their pool entries)
--   campaign:  id = campaigns.id
--   access:    id = smartlink id, code = the publisher's link code
--   publisher: id = publishers.id (status changes suspend or restore all of its links)
CREATE OR REPLACE FUNCTION switchboard_notify_routing() RETURNS trigger AS $$
DECLARE
  rec record;
BEGIN
  IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
  IF TG_TABLE_NAME = 'smartlinks' THEN
    PERFORM pg_notify('routing_changed', json_build_object('kind', 'smartlink', 'id', rec.id)::text);
  ELSIF TG_TABLE_NAME = 'pool_entries' THEN
    PERFORM pg_notify('routing_changed', json_build_object('kind', 'smartlink', 'id', rec.smartlink_id)::text);
    IF TG_OP = 'UPDATE' AND OLD.smartlink_id <> NEW.smartlink_id THEN
      PERFORM pg_notify('routing_changed', json_build_object('kind', 'smartlink', 'id', OLD.smartlink_id)::text);
    END IF;
  ELSIF TG_TABLE_NAME = 'campaigns' THEN
    PERFORM pg_notify('routing_changed', json_build_object('kind', 'campaign', 'id', rec.id)::text);
  ELSIF TG_TABLE_NAME = 'smartlink_publishers' THEN
    PERFORM pg_notify('routing_changed', json_build_object('kind', 'access', 'id', rec.smartlink_id, 'code', rec.code)::text);
    IF TG_OP = 'UPDATE' AND OLD.code <> NEW.code THEN
      PERFORM pg_notify('routing_changed', json_build_object('kind', 'access', 'id', OLD.smartlink_id, 'code', OLD.code)::text);
    END IF;
  ELSIF TG_TABLE_NAME = 'publishers' THEN
    PERFORM pg_notify('routing_changed', json_build_object('kind', 'publisher', 'id', rec.id)::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER smartlinks_notify_routing AFTER INSERT OR UPDATE OR DELETE ON smartlinks
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_routing();
--> statement-breakpoint
CREATE TRIGGER pool_entries_notify_routing AFTER INSERT OR UPDATE OR DELETE ON pool_entries
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_routing();
--> statement-breakpoint
CREATE TRIGGER campaigns_notify_routing AFTER INSERT OR UPDATE OR DELETE ON campaigns
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_routing();
--> statement-breakpoint
CREATE TRIGGER smartlink_publishers_notify_routing AFTER INSERT OR UPDATE OR DELETE ON smartlink_publishers
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_routing();
--> statement-breakpoint
CREATE TRIGGER publishers_notify_routing AFTER UPDATE OF status OR DELETE ON publishers
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_routing();
