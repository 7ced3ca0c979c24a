ALTER TABLE `complaints` ADD `email_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `tracking_tokens` ADD `mailed` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `complaints` SET `email_confirmed_at` = `registered_at` WHERE `id` IN (SELECT `complaint_id` FROM `events` WHERE `seq` = 1 AND (`actor` LIKE 'staff:%' OR `actor` LIKE 'apiKey:%'));
