CREATE TABLE `report_counts` (
	`tenant_id` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `month`, `key`)
);
--> statement-breakpoint
DROP INDEX `complaints_tenant_next_due`;--> statement-breakpoint
ALTER TABLE `complaints` ADD `missed` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `complaints_register` ON `complaints` (`tenant_id`,("next_due_date" IS NULL),`next_due_date`,"year" DESC,"seq" DESC) WHERE "complaints"."erased_at" IS NULL;--> statement-breakpoint
CREATE INDEX `complaints_tenant_open_due` ON `complaints` (`tenant_id`,`next_due_date`) WHERE "complaints"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX `complaints_tenant_purge` ON `complaints` (`tenant_id`,`closed_at`) WHERE "complaints"."erased_at" IS NULL AND "complaints"."closed_at" IS NOT NULL;--> statement-breakpoint
UPDATE `complaints` SET `missed` = EXISTS (
  SELECT 1 FROM `deadlines` d WHERE d.`complaint_id` = `complaints`.`id`
    AND (d.`met_date` > d.`due_date`
      OR (`complaints`.`status` = 'closed' AND d.`met_date` IS NULL
        AND d.`due_date` < substr(`complaints`.`closed_at`, 1, 10))));--> statement-breakpoint
INSERT INTO `report_counts` (`tenant_id`, `month`, `key`, `n`)
  SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'received', COUNT(*) FROM `complaints` GROUP BY 1, 2
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'closed', COUNT(*) FROM `complaints`
    WHERE `status` = 'closed' GROUP BY 1, 2
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'missed', COUNT(*) FROM `complaints`
    WHERE `missed` = 1 GROUP BY 1, 2
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'category:' || COALESCE(`category`, ''), COUNT(*)
    FROM `complaints` GROUP BY 1, 2, 3
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7), 'classification:' || COALESCE(`classification`, ''), COUNT(*)
    FROM `complaints` GROUP BY 1, 2, 3
  UNION ALL SELECT `tenant_id`, substr(`registered_date`, 1, 7),
    'admissible:' || CASE `admissible` WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'unknown' END, COUNT(*)
    FROM `complaints` GROUP BY 1, 2, 3;
