ALTER TABLE `attachments` ADD `source` text DEFAULT 'intake' NOT NULL;--> statement-breakpoint
ALTER TABLE `attachments` ADD `event_seq` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `measures_effective_on` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `channel` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `pd_subject` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `pd_body` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `posted_at` text;--> statement-breakpoint
CREATE INDEX `outbox_complaint` ON `outbox` (`complaint_id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_to_print` ON `outbox` (`tenant_id`,`created_at`) WHERE "outbox"."status" = 'print';