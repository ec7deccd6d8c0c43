"""The video platform's database: ORM models mirroring schema/create_schema.sql."""
