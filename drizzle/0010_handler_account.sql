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
