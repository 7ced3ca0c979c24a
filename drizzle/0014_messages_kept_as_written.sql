ALTER TABLE `outbox` ADD `pd_html` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `pd_letter` text;