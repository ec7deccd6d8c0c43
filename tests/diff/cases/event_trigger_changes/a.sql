CREATE FUNCTION audit_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE FUNCTION audit_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE EVENT TRIGGER et_tags ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION audit_ddl();
CREATE EVENT TRIGGER et_event ON ddl_command_start EXECUTE FUNCTION audit_ddl();
CREATE EVENT TRIGGER et_function ON sql_drop EXECUTE FUNCTION audit_drop();
CREATE EVENT TRIGGER et_enabled ON ddl_command_end EXECUTE FUNCTION audit_ddl();
CREATE EVENT TRIGGER et_gone ON table_rewrite EXECUTE FUNCTION audit_ddl();
-- equal: tags are upper-cased, and EXECUTE PROCEDURE is the older spelling of EXECUTE FUNCTION
CREATE EVENT TRIGGER et_same ON ddl_command_end WHEN TAG IN ('DROP TABLE', 'alter table') EXECUTE FUNCTION audit_ddl();
COMMENT ON EVENT TRIGGER et_tags IS 'tables made';
