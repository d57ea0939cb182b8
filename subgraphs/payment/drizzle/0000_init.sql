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
CREATE TABLE `payable_orders` (
	`order_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payable_orders_order_id` PRIMARY KEY(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`payment_no` varchar(32) NOT NULL,
	`purpose` enum('ORDER','RECHARGE') NOT NULL,
	`order_id` bigint unsigned,
	`order_no` varchar(32),
	`member_id` bigint unsigned NOT NULL,
	`shop_id` bigint unsigned,
	`method` enum('WECHAT','BALANCE','DEV') NOT NULL,
	`amount` bigint NOT NULL,
	`status` enum('PENDING','SUCCEEDED','CLOSED','FAILED') NOT NULL DEFAULT 'PENDING',
	`refunded_amount` bigint NOT NULL DEFAULT 0,
	`description` varchar(127) NOT NULL,
	`prepay_id` varchar(64),
	`provider_transaction_id` varchar(64),
	`failure_reason` varchar(200),
	`expires_at` datetime(3) NOT NULL,
	`checked_at` datetime(3),
	`paid_at` datetime(3),
	`closed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_payment_no_uq` UNIQUE(`payment_no`),
	CONSTRAINT `payments_amount_positive` CHECK(amount > 0),
	CONSTRAINT `payments_refunds_within_amount` CHECK(refunded_amount >= 0 AND refunded_amount <= amount)
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`refund_no` varchar(64) NOT NULL,
	`payment_id` bigint unsigned NOT NULL,
	`amount` bigint NOT NULL,
	`status` enum('PENDING','PROCESSING','SUCCEEDED','FAILED') NOT NULL DEFAULT 'PENDING',
	`source` enum('AFTER_SALE','MERCHANT','ADMIN','ORDER_CANCELLED','DUPLICATE_PAYMENT','AMOUNT_MISMATCH') NOT NULL,
	`reason` varchar(200) NOT NULL,
	`request_key` varchar(120),
	`after_sale_id` bigint unsigned,
	`requested_by` varchar(40) NOT NULL,
	`provider_refund_id` varchar(64),
	`failure_reason` varchar(200),
	`checked_at` datetime(3),
	`succeeded_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `refunds_refund_no_uq` UNIQUE(`refund_no`),
	CONSTRAINT `refunds_request_key_uq` UNIQUE(`request_key`),
	CONSTRAINT `refunds_amount_positive` CHECK(amount > 0)
);
--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_member_idx` ON `payments` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_status_idx` ON `payments` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `refunds_status_idx` ON `refunds` (`status`,`created_at`);