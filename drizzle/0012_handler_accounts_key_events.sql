ALTER TABLE `complaints` ADD `handler_staff_id` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `name_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The key staffNameKey() makes in the code: lower case, spaces around trimmed, runs of spaces one.
UPDATE `staff` SET `name_key` = lower(trim(replace(replace(replace(replace(`name`, char(9), ' '), '    ', ' '), '  ', ' '), '  ', ' ')));--> statement-breakpoint
-- Accounts that already share a name keep it; the key of every one but the oldest gets its id, so
-- the oldest keeps the name and no new account can take it.
UPDATE `staff` SET `name_key` = `name_key` || '#' || `id` WHERE EXISTS (SELECT 1 FROM `staff` AS `older` WHERE `older`.`tenant_id` = `staff`.`tenant_id` AND `older`.`name_key` = `staff`.`name_key` AND (`older`.`created_at` < `staff`.`created_at` OR (`older`.`created_at` = `staff`.`created_at` AND `older`.`id` < `staff`.`id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tenant_name` ON `staff` (`tenant_id`,`name_key`);--> statement-breakpoint
-- A complaint forwarded by name goes to the account that holds that name (the oldest, where two
-- shared it); a name no account holds stays a handler without an account.
UPDATE `complaints` SET `handler_staff_id` = (SELECT `s`.`id` FROM `staff` AS `s` WHERE `s`.`tenant_id` = `complaints`.`tenant_id` AND `s`.`name_key` = lower(trim(replace(replace(replace(replace(`complaints`.`handler`, char(9), ' '), '    ', ' '), '  ', ' '), '  ', ' ')))) WHERE `handler` IS NOT NULL;
--> statement-breakpoint
CREATE TABLE `key_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key_id` text NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`network` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_events_key_action` ON `key_events` (`key_id`,`action`);--> statement-breakpoint
CREATE INDEX `key_events_tenant` ON `key_events` (`tenant_id`,`at`);