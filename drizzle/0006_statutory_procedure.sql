ALTER TABLE `complaints` ADD `declined` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `postponed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `handling_days` integer;--> statement-breakpoint
UPDATE `complaints` SET `postponed` = EXISTS (
  SELECT 1 FROM `deadlines` d WHERE d.`complaint_id` = `complaints`.`id` AND d.`postponed` = 1);--> statement-breakpoint
INSERT INTO `report_counts` (`tenant_id`, `month`, `key`, `n`)
  SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'postponed', COUNT(*) FROM `complaints`
    WHERE `postponed` = 1 GROUP BY 1, 2
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'inTerm', COUNT(*) FROM `complaints`
    WHERE `status` = 'closed' AND `missed` = 0 GROUP BY 1, 2;
