CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`label` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant` ON `api_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`pd_filename` text,
	`pd_content` blob,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_complaint` ON `attachments` (`complaint_id`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`received_at` text NOT NULL,
	`received_date` text NOT NULL,
	`registered_at` text NOT NULL,
	`registered_date` text NOT NULL,
	`next_due_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`category` text,
	`handler` text,
	`handler_email` text,
	`forwarded_at` text,
	`feedback_at` text,
	`classification` text,
	`admissible` integer,
	`remedy` text,
	`satisfied` integer,
	`closed_at` text,
	`erased_at` text,
	`idempotency_key_hash` text,
	`request_hash` text,
	`replay_sealed` text,
	`pd_receiver_name` text,
	`pd_subject` text,
	`pd_complainant_name` text,
	`pd_complainant_initials` text,
	`pd_complainant_address` text,
	`pd_complainant_phone` text,
	`pd_complainant_email` text,
	`pd_on_behalf_of_name` text,
	`pd_on_behalf_of_initials` text,
	`pd_on_behalf_of_address` text,
	`pd_on_behalf_of_phone` text,
	`pd_on_behalf_of_email` text,
	`pd_description` text,
	`pd_desired_solution` text,
	`pd_cause` text,
	`pd_proposed_solution` text,
	`pd_summary` text,
	`pd_preventive_measures` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_tenant_number` ON `complaints` (`tenant_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_tenant_year_seq` ON `complaints` (`tenant_id`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_tenant_idempotency` ON `complaints` (`tenant_id`,`idempotency_key_hash`);--> statement-breakpoint
CREATE INDEX `complaints_tenant_status` ON `complaints` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `complaints_tenant_received` ON `complaints` (`tenant_id`,`received_date`);--> statement-breakpoint
CREATE INDEX `complaints_tenant_registered` ON `complaints` (`tenant_id`,`registered_date`);--> statement-breakpoint
CREATE INDEX `complaints_tenant_next_due` ON `complaints` (`tenant_id`,`next_due_date`);--> statement-breakpoint
CREATE TABLE `deadlines` (
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`term` text NOT NULL,
	`due_date` text NOT NULL,
	`detail` text NOT NULL,
	`met_at` text,
	`met_date` text,
	`postponed` integer DEFAULT false NOT NULL,
	`reminded_for` text,
	`escalated_for` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadlines_complaint_term` ON `deadlines` (`complaint_id`,`term`);--> statement-breakpoint
CREATE INDEX `deadlines_tenant_due` ON `deadlines` (`tenant_id`,`met_at`,`due_date`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`at` text NOT NULL,
	`public` integer DEFAULT true NOT NULL,
	`idempotency_key_hash` text,
	`request_hash` text,
	`actor` text NOT NULL,
	`data` text,
	`pd_data` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_complaint_seq` ON `events` (`complaint_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_complaint_idempotency` ON `events` (`complaint_id`,`idempotency_key_hash`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`complaint_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`sent_at` text,
	`pd_recipient` text,
	`pd_payload` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_staff` ON `sessions` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tenant_email` ON `staff` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`procedure` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `tracking_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tracking_tokens_complaint` ON `tracking_tokens` (`complaint_id`);