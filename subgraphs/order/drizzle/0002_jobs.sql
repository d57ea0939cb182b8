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
CREATE INDEX `jobs_due_idx` ON `jobs` (`due_at`);--> statement-breakpoint
-- Deadlines that the sweeper used to find by scanning become jobs: pending orders expire at their expiry, shipped ones complete (the job reschedules itself to ORDER_AUTO_COMPLETE_DAYS after shipping).
INSERT IGNORE INTO `jobs` (`name`, `job_key`, `due_at`) SELECT 'order.expire', CAST(`id` AS CHAR), `expires_at` FROM `orders` WHERE `status` = 'PENDING_PAYMENT';
--> statement-breakpoint
INSERT IGNORE INTO `jobs` (`name`, `job_key`, `due_at`) SELECT 'order.autoComplete', CAST(`id` AS CHAR), `shipped_at` FROM `orders` WHERE `status` = 'SHIPPED' AND `shipped_at` IS NOT NULL;
