DROP INDEX `complaints_tenant_status`;--> statement-breakpoint
DROP INDEX `complaints_tenant_registered`;--> statement-breakpoint
ALTER TABLE `tenants` ADD `procedure_version` integer DEFAULT 1 NOT NULL;