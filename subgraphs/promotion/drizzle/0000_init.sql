CREATE TABLE `coupon_templates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_id` bigint unsigned,
	`name` varchar(40) NOT NULL,
	`description` varchar(200) NOT NULL DEFAULT '',
	`kind` enum('AMOUNT_OFF','PERCENT_OFF','FREE_SHIPPING') NOT NULL,
	`threshold` bigint NOT NULL DEFAULT 0,
	`amount_off` bigint,
	`percent_off` int,
	`max_off` bigint,
	`scope` enum('ALL','SHOP','CATEGORIES','PRODUCTS','SKUS') NOT NULL DEFAULT 'ALL',
	`scope_ids` json NOT NULL,
	`excluded_product_ids` json NOT NULL,
	`valid_from` datetime(3),
	`valid_until` datetime(3),
	`valid_days` int,
	`claim_starts_at` datetime(3) NOT NULL,
	`claim_ends_at` datetime(3) NOT NULL,
	`total_quantity` int NOT NULL,
	`per_member_limit` int NOT NULL DEFAULT 1,
	`issued` int NOT NULL DEFAULT 0,
	`used` int NOT NULL DEFAULT 0,
	`claimable` boolean NOT NULL DEFAULT true,
	`return_on_refund` boolean NOT NULL DEFAULT false,
	`status` enum('ACTIVE','PAUSED','ENDED') NOT NULL DEFAULT 'ACTIVE',
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_templates_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_templates_issued_within_total` CHECK(issued >= 0 AND issued <= total_quantity),
	CONSTRAINT `coupon_templates_used_within_issued` CHECK(used >= 0 AND used <= issued)
);
--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`status` enum('UNUSED','USED','EXPIRED') NOT NULL DEFAULT 'UNUSED',
	`source` enum('CLAIM','CODE','GRANT','EVENT') NOT NULL,
	`valid_from` datetime(3) NOT NULL,
	`valid_until` datetime(3) NOT NULL,
	`order_no` varchar(32),
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupons_id` PRIMARY KEY(`id`)
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
CREATE INDEX `coupon_templates_shop_idx` ON `coupon_templates` (`shop_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `coupon_templates_centre_idx` ON `coupon_templates` (`status`,`claimable`,`claim_ends_at`);--> statement-breakpoint
CREATE INDEX `coupons_member_idx` ON `coupons` (`member_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `coupons_template_member_idx` ON `coupons` (`template_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);