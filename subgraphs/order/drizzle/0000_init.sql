CREATE TABLE `checkouts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`request_hash` char(64) NOT NULL,
	`status` enum('PROCESSING','DONE','FAILED') NOT NULL DEFAULT 'PROCESSING',
	`planned_order_nos` json NOT NULL,
	`error_code` varchar(40),
	`error_message` varchar(300),
	`error_details` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `checkouts_id` PRIMARY KEY(`id`),
	CONSTRAINT `checkouts_member_key_uq` UNIQUE(`member_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`title` varchar(120) NOT NULL,
	`spec_text` varchar(400) NOT NULL,
	`image` varchar(500),
	`unit_price` bigint NOT NULL,
	`quantity` int NOT NULL,
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `order_lines_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `order_status_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`from_status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED'),
	`to_status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED') NOT NULL,
	`actor` varchar(40) NOT NULL,
	`note` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_status_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_no` varchar(32) NOT NULL,
	`checkout_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED') NOT NULL,
	`goods_amount` bigint NOT NULL,
	`discount_amount` bigint NOT NULL,
	`freight_amount` bigint NOT NULL,
	`payable_amount` bigint NOT NULL,
	`address` json NOT NULL,
	`remark` varchar(200) NOT NULL DEFAULT '',
	`expires_at` datetime(3) NOT NULL,
	`payment_ref` varchar(64),
	`paid_at` datetime(3),
	`carrier` varchar(40),
	`tracking_number` varchar(64),
	`shipped_at` datetime(3),
	`completed_at` datetime(3),
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(200),
	`stock_settled` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_order_no_uq` UNIQUE(`order_no`),
	CONSTRAINT `orders_payable_nonnegative` CHECK(payable_amount >= 0)
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
CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
CREATE INDEX `checkouts_status_idx` ON `checkouts` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_status_changes_order_idx` ON `order_status_changes` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_member_idx` ON `orders` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_shop_idx` ON `orders` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_expiry_idx` ON `orders` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);