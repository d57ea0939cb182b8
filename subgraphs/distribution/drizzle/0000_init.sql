CREATE TABLE `referral_binding_history` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`distributor_id` bigint unsigned NOT NULL,
	`previous_distributor_id` bigint unsigned,
	`source` varchar(40) NOT NULL,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `referral_binding_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `referral_bindings` (
	`member_id` bigint unsigned NOT NULL,
	`distributor_id` bigint unsigned NOT NULL,
	`source` varchar(40) NOT NULL,
	`bound_at` datetime(3) NOT NULL,
	`locked_until` datetime(3),
	CONSTRAINT `referral_bindings_member_id` PRIMARY KEY(`member_id`)
);
--> statement-breakpoint
CREATE TABLE `commission_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`commission_id` bigint unsigned NOT NULL,
	`line_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`paid` bigint NOT NULL,
	`refunded` bigint NOT NULL DEFAULT 0,
	`rate` int NOT NULL,
	`amount` bigint NOT NULL,
	CONSTRAINT `commission_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `commission_lines_refunded` CHECK(refunded >= 0 AND refunded <= paid)
);
--> statement-breakpoint
CREATE TABLE `commissions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`order_no` varchar(32) NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`buyer_id` bigint unsigned NOT NULL,
	`distributor_id` bigint unsigned NOT NULL,
	`level` int NOT NULL,
	`status` enum('PENDING','SETTLED','CANCELLED') NOT NULL DEFAULT 'PENDING',
	`paid` bigint NOT NULL,
	`amount` bigint NOT NULL,
	`settled_amount` bigint,
	`settled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `commissions_id` PRIMARY KEY(`id`),
	CONSTRAINT `commissions_order_level_uq` UNIQUE(`order_id`,`level`),
	CONSTRAINT `commissions_amount` CHECK(amount >= 0 AND level BETWEEN 1 AND 2)
);
--> statement-breakpoint
CREATE TABLE `distributors` (
	`member_id` bigint unsigned NOT NULL,
	`status` enum('PENDING','ACTIVE','REJECTED','DISABLED') NOT NULL,
	`code` varchar(12) NOT NULL,
	`grade_id` bigint unsigned,
	`note` varchar(200),
	`pending` bigint NOT NULL DEFAULT 0,
	`available` bigint NOT NULL DEFAULT 0,
	`receivable` bigint NOT NULL DEFAULT 0,
	`withdrawing` bigint NOT NULL DEFAULT 0,
	`withdrawn` bigint NOT NULL DEFAULT 0,
	`settled_total` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`decided_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `distributors_member_id` PRIMARY KEY(`member_id`),
	CONSTRAINT `distributors_code_uq` UNIQUE(`code`),
	CONSTRAINT `distributors_balances` CHECK(pending >= 0 AND available >= 0 AND receivable >= 0 AND withdrawing >= 0 AND withdrawn >= 0)
);
--> statement-breakpoint
CREATE TABLE `distributor_grades` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(20) NOT NULL,
	`level1_rate` int NOT NULL,
	`level2_rate` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `distributor_grades_id` PRIMARY KEY(`id`)
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
CREATE TABLE `ledger_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`distributor_id` bigint unsigned NOT NULL,
	`bucket` enum('PENDING','AVAILABLE','RECEIVABLE','WITHDRAWING','WITHDRAWN') NOT NULL,
	`kind` varchar(24) NOT NULL,
	`delta` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`entry_key` varchar(100) NOT NULL,
	`commission_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `ledger_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `ledger_entries_key_uq` UNIQUE(`distributor_id`,`entry_key`,`bucket`)
);
--> statement-breakpoint
CREATE TABLE `member_spend` (
	`member_id` bigint unsigned NOT NULL,
	`settled` bigint NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `member_spend_member_id` PRIMARY KEY(`member_id`)
);
--> statement-breakpoint
CREATE TABLE `order_marks` (
	`order_id` bigint unsigned NOT NULL,
	`paid` boolean NOT NULL DEFAULT false,
	`closed` boolean NOT NULL DEFAULT false,
	`settled` boolean NOT NULL DEFAULT false,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_marks_order_id` PRIMARY KEY(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `order_refunds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`refund_no` varchar(64) NOT NULL,
	`amount` bigint NOT NULL,
	`lines` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `order_refunds_no_uq` UNIQUE(`refund_no`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event_id` char(36) NOT NULL,
	`subject` varchar(100) NOT NULL,
	`payload` json NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`published_at` datetime(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`)
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
CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `commission_rates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`target` varchar(40) NOT NULL,
	`product_id` bigint unsigned,
	`sku_id` bigint unsigned,
	`level1_rate` int NOT NULL,
	`level2_rate` int NOT NULL DEFAULT 0,
	`updated_by` varchar(40) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `commission_rates_id` PRIMARY KEY(`id`),
	CONSTRAINT `commission_rates_target_uq` UNIQUE(`target`)
);
--> statement-breakpoint
CREATE TABLE `distribution_settings` (
	`id` int NOT NULL,
	`eligibility` enum('EVERYONE','APPLICATION','SPENDING') NOT NULL,
	`spend_threshold` bigint NOT NULL DEFAULT 0,
	`bind_rule` enum('FIRST_TOUCH','FIRST_TOUCH_LOCK','LAST_TOUCH') NOT NULL,
	`lock_days` int NOT NULL DEFAULT 0,
	`levels` int NOT NULL,
	`level1_rate` int NOT NULL,
	`level2_rate` int NOT NULL DEFAULT 0,
	`self_purchase` boolean NOT NULL DEFAULT false,
	`withdraw_min` bigint NOT NULL DEFAULT 100,
	`withdraw_fee_rate` int NOT NULL DEFAULT 0,
	`withdraw_daily_cap` bigint NOT NULL DEFAULT 2000000,
	`withdraw_approval_above` bigint NOT NULL DEFAULT 500000,
	`updated_by` varchar(40) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `distribution_settings_id` PRIMARY KEY(`id`),
	CONSTRAINT `distribution_settings_levels` CHECK(levels BETWEEN 1 AND 2)
);
--> statement-breakpoint
CREATE TABLE `withdrawals` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`distributor_id` bigint unsigned NOT NULL,
	`method` enum('WALLET') NOT NULL,
	`amount` bigint NOT NULL,
	`fee` bigint NOT NULL,
	`status` enum('REQUESTED','PROCESSING','SUCCEEDED','FAILED','REJECTED') NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`failure_reason` varchar(200),
	`decided_by` varchar(40),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `withdrawals_id` PRIMARY KEY(`id`),
	CONSTRAINT `withdrawals_key_uq` UNIQUE(`distributor_id`,`idempotency_key`),
	CONSTRAINT `withdrawals_amounts` CHECK(amount > 0 AND fee >= 0 AND fee < amount)
);
--> statement-breakpoint
CREATE INDEX `referral_binding_history_member_idx` ON `referral_binding_history` (`member_id`,`at`);--> statement-breakpoint
CREATE INDEX `referral_bindings_distributor_idx` ON `referral_bindings` (`distributor_id`);--> statement-breakpoint
CREATE INDEX `commission_lines_commission_idx` ON `commission_lines` (`commission_id`);--> statement-breakpoint
CREATE INDEX `commissions_distributor_idx` ON `commissions` (`distributor_id`,`id`);--> statement-breakpoint
CREATE INDEX `distributors_status_idx` ON `distributors` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`due_at`);--> statement-breakpoint
CREATE INDEX `ledger_entries_distributor_idx` ON `ledger_entries` (`distributor_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_refunds_order_idx` ON `order_refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);--> statement-breakpoint
CREATE INDEX `withdrawals_status_idx` ON `withdrawals` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `withdrawals_distributor_idx` ON `withdrawals` (`distributor_id`,`created_at`);