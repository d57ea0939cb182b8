CREATE TABLE `jobs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`job_key` varchar(120) NOT NULL,
	`due_at` datetime(3) NOT NULL,
	`payload` json,
	`version` int NOT NULL DEFAULT 1,
	`attempts` int NOT NULL DEFAULT 0,
	`locked_until` datetime(3),
	`last_error` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `jobs_id` PRIMARY KEY(`id`),
	CONSTRAINT `jobs_name_key_uq` UNIQUE(`name`,`job_key`)
);
--> statement-breakpoint
CREATE TABLE `parked_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`consumer` varchar(64) NOT NULL,
	`event_id` varchar(64) NOT NULL,
	`subject` varchar(200) NOT NULL,
	`payload` text NOT NULL,
	`error` varchar(1000) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `parked_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `parked_events_consumer_event_uq` UNIQUE(`consumer`,`event_id`)
);
--> statement-breakpoint
ALTER TABLE `addresses` ADD `default_of` bigint unsigned GENERATED ALWAYS AS (IF(is_default, member_id, NULL)) VIRTUAL;--> statement-breakpoint
-- Repair what concurrent default changes could leave: one default per member, the newest.
UPDATE `addresses` a JOIN (SELECT `member_id`, MAX(`id`) AS `keep_id` FROM `addresses` WHERE `is_default` GROUP BY `member_id` HAVING COUNT(*) > 1) d
  ON a.`member_id` = d.`member_id` SET a.`is_default` = FALSE WHERE a.`is_default` AND a.`id` <> d.`keep_id`;--> statement-breakpoint
UPDATE `addresses` a JOIN (SELECT `member_id`, MAX(`id`) AS `pick_id` FROM `addresses` GROUP BY `member_id` HAVING SUM(`is_default`) = 0) d
  ON a.`id` = d.`pick_id` SET a.`is_default` = TRUE;--> statement-breakpoint
ALTER TABLE `addresses` ADD CONSTRAINT `addresses_one_default_uq` UNIQUE(`default_of`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`due_at`);