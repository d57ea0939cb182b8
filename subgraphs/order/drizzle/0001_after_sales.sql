CREATE TABLE `after_sales` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`type` enum('REFUND_ONLY','RETURN_AND_REFUND') NOT NULL,
	`status` enum('REQUESTED','APPROVED','REJECTED') NOT NULL DEFAULT 'REQUESTED',
	`amount` bigint NOT NULL,
	`reason` varchar(200) NOT NULL,
	`merchant_note` varchar(200),
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `after_sales_id` PRIMARY KEY(`id`),
	CONSTRAINT `after_sales_amount_positive` CHECK(amount > 0)
);
--> statement-breakpoint
CREATE INDEX `after_sales_order_idx` ON `after_sales` (`order_id`);