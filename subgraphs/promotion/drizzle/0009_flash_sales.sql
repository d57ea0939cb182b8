CREATE TABLE `flash_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`session_id` bigint unsigned NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`flash_price` bigint NOT NULL,
	`list_price` bigint NOT NULL,
	`quantity` int NOT NULL,
	`per_member_limit` int NOT NULL,
	`status` enum('PENDING','APPROVED','REJECTED','ENDED') NOT NULL DEFAULT 'PENDING',
	`sold` int NOT NULL DEFAULT 0,
	`held` int NOT NULL DEFAULT 0,
	`refunded` int NOT NULL DEFAULT 0,
	`released` int NOT NULL DEFAULT 0,
	`gmv` bigint NOT NULL DEFAULT 0,
	`attempts` int NOT NULL DEFAULT 0,
	`returned_at_end` int,
	`note` varchar(200),
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `flash_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `flash_entries_session_sku_uq` UNIQUE(`session_id`,`sku_id`),
	CONSTRAINT `flash_entries_units` CHECK(sold >= 0 AND held >= 0 AND refunded >= 0 AND sold + held + refunded <= quantity)
);
--> statement-breakpoint
CREATE TABLE `flash_holds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`entry_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`quantity` int NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`address_id` bigint unsigned,
	`status` enum('HELD','ORDERED','PAID','RELEASED') NOT NULL DEFAULT 'HELD',
	`order_id` bigint unsigned,
	`order_no` varchar(32),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `flash_holds_id` PRIMARY KEY(`id`),
	CONSTRAINT `flash_holds_key_uq` UNIQUE(`entry_id`,`member_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `flash_reminders` (
	`session_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `flash_reminders_session_id_member_id_pk` PRIMARY KEY(`session_id`,`member_id`)
);
--> statement-breakpoint
CREATE TABLE `flash_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(40) NOT NULL,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`reminders` int NOT NULL DEFAULT 0,
	`cancelled` boolean NOT NULL DEFAULT false,
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `flash_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
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
CREATE INDEX `flash_entries_sku_idx` ON `flash_entries` (`sku_id`,`status`);--> statement-breakpoint
CREATE INDEX `flash_entries_shop_idx` ON `flash_entries` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `flash_holds_status_idx` ON `flash_holds` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `flash_holds_order_idx` ON `flash_holds` (`order_no`);--> statement-breakpoint
CREATE INDEX `flash_sessions_time_idx` ON `flash_sessions` (`starts_at`,`ends_at`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`due_at`);